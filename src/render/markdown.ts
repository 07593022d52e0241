// A report to paste into a support ticket (--format markdown) and the GitHub job summary: versions, OS,
// interpreters, each check, the fix. Redacted with src/redact.ts (the JSON keeps real paths). Every value
// from the report goes through the `md` template tag: redacted, then escaped for its place (text, code
// span, fence), so machine text can never become a link, an image or HTML. Pure.
import { markdownCode, markdownFence, markdownText } from '../neutralize.js';
import {
  describeRedaction,
  fixLine,
  type Identity,
  NO_IDENTITY,
  nothingRedacted,
  redactText,
  stillNamed,
} from '../redact.js';
import type { Report, Status } from '../types.js';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', crash: '💥', ignored: '🙈' };

/** Markdown made here, from venv-doctor's own words: the tag does not escape it again. */
class Trusted {
  constructor(readonly markdown: string) {}
}

export interface MarkdownOptions {
  /** Redaction was turned off with --no-redact: the footer says so. */
  optedOut?: boolean;
}

/**
 * Renders the report as Markdown. redaction: who and where to redact (homes, user and host names; other
 * people's homes are always redacted then); null: nothing at all is redacted (the GitHub step summary, where
 * a runner's paths are no one's; --no-redact), and the footer claims nothing, or says --no-redact.
 */
export function renderMarkdown(
  report: Report,
  redaction: Identity | null,
  { optedOut = false }: MarkdownOptions = {},
): string {
  const identity = redaction ?? NO_IDENTITY;
  const found = nothingRedacted();
  const shown: string[] = [];
  const clean = (value: string) => {
    const redacted = redaction === null ? value : redactText(value, identity, found);
    shown.push(redacted);
    return redacted;
  };
  /** A value in a code span. */
  const code = (value: string) => new Trusted(markdownCode(clean(value)));
  /** Our own markup. */
  const raw = (markdown: string) => new Trusted(markdown);
  /** Every interpolated string is machine text: redacted and escaped; Trusted parts are kept. */
  const md = (strings: TemplateStringsArray, ...values: (string | Trusted)[]) =>
    new Trusted(
      strings.reduce((out, part, i) => {
        const value = values[i - 1];
        return out + (value instanceof Trusted ? value.markdown : markdownText(clean(value ?? ''))) + part;
      }),
    );
  const nothing = raw('');

  const p = report.python;
  const os = report.os;
  const verdict = report.ok ? '**Ready**' : report.exitCode === 3 ? '**Could not finish**' : '**Not ready**';
  const lines: Trusted[] = [
    raw(`## venv-doctor ${markdownText(report.tool.version)}: ${verdict}`),
    raw(''),
    md`- OS: ${os.prettyName ?? os.id ?? 'unknown'} (${os.platform} ${os.arch})${os.wsl ? raw(', WSL') : nothing}${os.container ? md`, ${os.container} container` : nothing}`,
    md`- Python: ${code(p.command)} -> ${p.executable ? md`${p.version ?? '?'} at ${code(p.executable)} (${p.source ?? 'other'}${p.shim ? md`, ${p.shim} shim` : nothing}${p.externallyManaged ? raw(', externally managed') : nothing})` : raw('none')}`,
    ...(p.others.length
      ? [md`- Other interpreters: ${raw(p.others.map((o) => code(o.name).markdown).join(', '))}`]
      : []),
    ...(report.project
      ? [
          md`- Project: ${code(report.project.dir)}${report.project.requirement ? md`, requires ${report.project.requirement}` : nothing}${report.project.venv ? md`, venv ${code(report.project.venv)}` : raw(', no venv')}`,
        ]
      : []),
    raw(''),
    raw('| | check | result |'),
    raw('|---|---|---|'),
    // A table cell takes text only: GFM splits the row on | before it reads code spans.
    ...report.checks.map(
      (c) =>
        md`| ${raw(ICON[c.status])} | ${/^[a-z][a-z0-9-]*$/.test(c.id) ? raw(markdownCode(c.id)) : c.id} | ${c.message} |`,
    ),
  ];
  if (report.fixes.length) {
    const commands = report.fixes.map((f) => (redaction === null ? f.command : fixLine(f, identity, found)));
    lines.push(raw(''), raw('**Fix:**'), raw(''), ...markdownFence(commands, 'sh').map(raw));
  }
  if (report.optionalFixes.length) {
    const commands = report.optionalFixes.map((f) => (redaction === null ? f.command : fixLine(f, identity, found)));
    lines.push(
      raw(''),
      raw('**Optional** (not needed for venvs):'),
      raw(''),
      ...markdownFence(commands, 'sh').map(raw),
    );
  }
  for (const note of [...report.notes, ...report.advice]) lines.push(raw(''), md`- ${note}`);

  const footer: string[] = [];
  if (redaction === null) {
    if (optedOut) footer.push('Not redacted (--no-redact): paths, user and host names are as they are.');
  } else {
    const said = describeRedaction(found);
    if (said) footer.push(said);
    const left = stillNamed(shown.join('\n'), identity);
    if (left.user || left.host) {
      const what = left.user && left.host ? 'the user and host names' : left.user ? 'the user name' : 'the host name';
      footer.push(`Not redacted: ${what} where ${left.user && left.host ? 'they are' : 'it is'} not part of a path.`);
    }
  }
  lines.push(
    raw(''),
    // Our own words (not redacted), escaped as text all the same: they hold [user], ~ and $HOME.
    raw(
      `<sub>${markdownText(footer.length ? `${footer.join(' ')} Full data: ` : 'Full data: ')}${markdownCode('venv-doctor --dump-facts facts.json')}.</sub>`,
    ),
    raw(''),
  );
  return lines.map((l) => l.markdown).join('\n');
}
