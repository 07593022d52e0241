// A report to paste into a support ticket: versions, OS, interpreters, each check, the fix. Home
// directories become ~ and user and host names are removed (the JSON keeps real paths). Pure.
import type { Report, Status } from '../types.js';

export interface Redaction {
  home: string | null;
  user: string | null;
  host: string | null;
}

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', crash: '💥', ignored: '🙈' };

export function redact(text: string, { home, user, host }: Redaction): string {
  let out = text;
  if (home && home !== '/') out = out.split(home).join('~');
  // Other people's homes too (replayed facts, paths of other users).
  out = out.replace(/\/(home|Users)\/[^/\s"'`]+/g, '~');
  if (user && user.length > 1) out = out.replace(new RegExp(`\\b${escapeRegExp(user)}\\b`, 'g'), '<user>');
  if (host && host.length > 1) out = out.replace(new RegExp(`\\b${escapeRegExp(host)}\\b`, 'g'), '<host>');
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderMarkdown(report: Report, redaction: Redaction): string {
  const p = report.python;
  const os = report.os;
  const verdict = report.ok ? '**Ready**' : report.exitCode === 3 ? '**Could not finish**' : '**Not ready**';
  const lines = [
    `## venv-doctor ${report.tool.version}: ${verdict}`,
    '',
    `- OS: ${os.prettyName ?? os.id ?? 'unknown'} (${os.platform} ${os.arch})${os.wsl ? ', WSL' : ''}${os.container ? `, ${os.container} container` : ''}`,
    `- Python: \`${p.command}\` -> ${p.executable ? `${p.version} at \`${p.executable}\` (${p.source}${p.shim ? `, ${p.shim} shim` : ''}${p.externallyManaged ? ', externally managed' : ''})` : 'none'}`,
    ...(p.others.length ? [`- Other interpreters: ${p.others.map((o) => `\`${o.name}\``).join(', ')}`] : []),
    ...(report.project
      ? [
          `- Project: \`${report.project.dir}\`${report.project.requirement ? `, requires ${report.project.requirement}` : ''}${report.project.venv ? `, venv \`${report.project.venv}\`` : ', no venv'}`,
        ]
      : []),
    '',
    '| | check | result |',
    '|---|---|---|',
    ...report.checks.map((c) => `| ${ICON[c.status]} | \`${c.id}\` | ${cell(c.message)} |`),
  ];
  if (report.fixes.length) {
    lines.push('', '**Fix:**', '', '```sh', ...report.fixes.map((f) => f.command), '```');
  }
  for (const note of [...report.notes, ...report.advice]) lines.push('', `- ${note}`);
  lines.push(
    '',
    `<sub>Home directory shown as ~, user and host names removed. Full data: \`venv-doctor --dump-facts facts.json\`.</sub>`,
    '',
  );
  return redact(lines.join('\n'), redaction);
}
