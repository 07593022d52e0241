// Windows: the py launcher and the Pythons it can start, found by their directories (python.org's
// installers and the Python install manager each put theirs in a known place), and the legacy launcher's
// own list (`py -0p`). Sources: ../shared/domain/other-systems.md §6.1 [W1][W2][W3]; research notes in
// docs/systems/winget.md. The install manager's py.exe and the Store's python.exe/python3.exe are App
// Execution Aliases in WindowsApps: stat'ed, never run.
import { win32 } from 'node:path';
import type { System } from '../system.js';
import type { WindowsPythons } from '../types.js';

type Install = WindowsPythons['installs'][number];

const TIMEOUT_MS = 5_000;
/** A list of a few Pythons is a few hundred bytes. */
const LIST_MAX = 64 * 1024;

/**
 * `py -0p` (`py --list-paths`) of the legacy launcher: one Python a line, its tag, `*` on the default, and
 * its python.exe. 3.11+ (launcher2.c): ` -V:3.13 *        C:\...\python.exe`; before: ` -3.9-64 *   C:\...`.
 * Lines of another company (`-V:Astral/CPython3.12.11`) keep their whole tag, which `py -V:` takes.
 */
export function parsePyList(text: string): { tag: string; path: string; isDefault: boolean }[] {
  const found: { tag: string; path: string; isDefault: boolean }[] = [];
  for (const line of text.split(/\r?\n/).slice(0, 256)) {
    const match =
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a path with a control character is refused
      /^\s*-(?:V:)?((?:[A-Za-z0-9_.]{1,64}[\\/])?[A-Za-z0-9_.]{1,64}(?:-(?:32|64|arm64))?)(?:\[-(?:32|64|arm64)\])?\s+(\*\s+)?([A-Za-z]:\\[^\0-\u001f"*?<>|]{1,400}\.exe)\s*$/i.exec(
        line,
      );
    if (!match?.[1] || !match[3]) continue;
    // The legacy launcher's -3.9-64 is -3.9 (64-bit is the default); PythonCore/3.13 is 3.13.
    const tag = match[1].replace(/^PythonCore\//i, '').replace(/^(3\.\d{1,2})-64$/, '$1');
    found.push({ tag, path: match[3], isDefault: Boolean(match[2]) });
  }
  return found;
}

/** "Python313" -> 3.13, "Python313-32" -> 3.13-32 (python.org's directory names); "pythoncore-3.13-64" too. */
export function tagOfDirectory(name: string): string | null {
  const legacy = /^Python3(\d{1,2})(-32|-arm64)?$/i.exec(name);
  if (legacy) return `3.${legacy[1]}${legacy[2]?.toLowerCase() ?? ''}`;
  const managed = /^pythoncore-(3\.\d{1,2})(t?)-(64|32|arm64)$/i.exec(name);
  if (managed) return `${managed[1]}${managed[2] ?? ''}${managed[3] === '64' ? '' : `-${managed[3]}`}`;
  return null;
}

/** Newest minor first; of one minor, the 64-bit build first. */
function byNewest(a: Install, b: Install): number {
  const minor = (tag: string) => Number(/^3\.(\d{1,2})/.exec(tag)?.[1] ?? -1);
  return minor(b.tag) - minor(a.tag) || a.tag.length - b.tag.length;
}

export async function gatherWindowsPythons(system: System): Promise<WindowsPythons> {
  const env = system.env;
  const local = env.LOCALAPPDATA ?? null;
  const windows = env.SystemRoot ?? env.windir ?? null;
  const legacyLaunchers = [
    windows && win32.join(windows, 'py.exe'),
    local && win32.join(local, 'Programs', 'Python', 'Launcher', 'py.exe'),
  ].filter((p): p is string => Boolean(p));
  // The install manager's py: its MSI's real file in Program Files (on PATH), else its Store alias. Never run.
  const managerExe = env.ProgramFiles ? win32.join(env.ProgramFiles, 'PyManager', 'py.exe') : null;
  const alias = local ? win32.join(local, 'Microsoft', 'WindowsApps', 'py.exe') : null;
  const roots = [
    local && win32.join(local, 'Programs', 'Python'),
    env.ProgramFiles ?? null,
    env['ProgramFiles(x86)'] ?? null,
    local && win32.join(local, 'Python'),
  ].filter((p): p is string => Boolean(p));

  const [legacyInfos, managerInfo, aliasInfo, listings] = await Promise.all([
    Promise.all(legacyLaunchers.map((path) => system.stat(path))),
    managerExe ? system.stat(managerExe) : null,
    alias ? system.lstat(alias) : null,
    Promise.all(roots.map((root) => system.readdir(root, 512))),
  ]);
  const legacyIndex = legacyInfos.findIndex((info) => info?.kind === 'file');
  const legacy = legacyIndex === -1 ? null : (legacyLaunchers[legacyIndex] ?? null);
  const launcher: WindowsPythons['launcher'] = legacy
    ? { path: legacy, kind: 'legacy' }
    : managerExe && managerInfo?.kind === 'file'
      ? { path: managerExe, kind: 'install-manager' }
      : alias && aliasInfo
        ? { path: alias, kind: 'install-manager' }
        : null;

  const candidates: Install[] = [];
  for (const [i, names] of listings.entries()) {
    for (const name of names ?? []) {
      const tag = tagOfDirectory(name);
      const root = roots[i];
      if (tag && root) candidates.push({ tag, path: win32.join(root, name, 'python.exe'), from: 'directory' });
    }
  }
  const exists = await Promise.all(candidates.slice(0, 64).map((c) => system.stat(c.path)));
  const installs = candidates.slice(0, 64).filter((_, i) => exists[i]?.kind === 'file');

  // The legacy launcher is a real program (not an alias): its list adds what the registry knows (PEP 514),
  // e.g. a Python installed to a directory of its own choosing.
  let defaultPath: string | null = null;
  if (legacy) {
    const result = await system.run(legacy, ['-0p'], { timeoutMs: TIMEOUT_MS, maxOutputBytes: LIST_MAX });
    if (result.exitCode === 0) {
      for (const listed of parsePyList(result.stdout)) {
        if (listed.isDefault) defaultPath = listed.path;
        if (!installs.some((i) => i.path.toLowerCase() === listed.path.toLowerCase())) {
          installs.push({ tag: listed.tag, path: listed.path, from: 'py -0p' });
        }
      }
    }
  }
  installs.sort(byNewest);
  // py's default (its `*`) first: that is what `py -m venv` uses.
  const first = defaultPath && installs.findIndex((i) => i.path.toLowerCase() === defaultPath?.toLowerCase());
  if (typeof first === 'number' && first > 0) installs.unshift(...installs.splice(first, 1));
  return { launcher, installs: installs.slice(0, 16) };
}
