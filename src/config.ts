// Settings from a file: [tool.venv-doctor] in the project's pyproject.toml, or --config FILE (a TOML file
// with that table, or the keys at its top level). Flags override the file. Pure, given the parsed TOML.
import { quoted } from './neutralize.js';

export interface Config {
  /** Where the settings were read, for messages ("pyproject.toml [tool.venv-doctor]"). */
  source: string;
  require?: string;
  venv?: string;
  strict?: boolean;
  /** Check id -> why it is ignored. Ignored checks still run and stay visible as "ignored". */
  ignore: Record<string, string>;
}

export const CONFIG_KEYS = ['require', 'venv', 'strict', 'ignore'] as const;

// The settings file belongs to the project, and a project may come from anyone: every value from it that a
// message shows is cut short and stripped of control characters, and lists of unknown names are capped.
/** At most this many unknown names are named in one warning; the rest are counted. */
const NAMED_AT_MOST = 10;
/** Characters of an ignore reason kept (it is shown in the report). */
const REASON_CHARS = 200;
/** Characters of a require or venv value accepted. */
const VALUE_CHARS = 1024;
/** Control characters, invisible format characters (bidirectional overrides ...) and line separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/** `"a", "b" and 3 more`: unknown names, deduplicated, capped, each made printable. */
function someNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  const named = unique.slice(0, NAMED_AT_MOST).map((name) => `"${quoted(name)}"`);
  const more = unique.length - named.length;
  if (more > 0) return `${named.join(', ')} and ${more} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

/**
 * Why `value` cannot name the project's venv, or null. The venv must be a directory inside the project,
 * named relative to it: not absolute, not the project itself, no ".." (lexically: symbolic links are
 * resolved where the venv is read), no control characters. `name` is how the message calls the setting.
 */
export function venvPathProblem(value: string, name = 'venv'): string | null {
  const shown = `${name} "${quoted(value)}"`;
  if (value.trim() === '') return `${name} is empty; name the venv's directory inside the project, such as .venv`;
  if (UNSAFE.test(value)) return `${shown} contains control characters`;
  if (value.length > VALUE_CHARS) return `${shown} is longer than ${VALUE_CHARS} characters`;
  const outside = `${shown} is outside the project; venv-doctor only looks at a venv inside the project`;
  // "/x", "\\x" and Windows' "C:\x" or "C:x" are not relative to the project.
  if (/^[/\\]/.test(value) || /^[A-Za-z]:/.test(value)) return outside;
  const parts: string[] = [];
  let dotdot = false;
  for (const part of value.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return outside;
      parts.pop();
      dotdot = true;
    } else parts.push(part);
  }
  if (parts.length === 0) {
    return `${shown} is the project directory itself; name the venv's directory inside the project, such as .venv`;
  }
  if (dotdot) return `${shown} goes through ".."; name the venv's directory inside the project as ${parts.join('/')}`;
  return null;
}

export type ConfigResult = { config: Config; warnings: string[] } | { error: string };

/** The [tool.venv-doctor] table of a parsed TOML document (or, for --config, its top level). */
export function configTable(doc: Record<string, unknown>, topLevelAllowed: boolean): Record<string, unknown> | null {
  const tool = doc.tool;
  const table = tool && typeof tool === 'object' ? (tool as Record<string, unknown>)['venv-doctor'] : undefined;
  if (table && typeof table === 'object' && !Array.isArray(table)) return table as Record<string, unknown>;
  return topLevelAllowed ? doc : null;
}

export function readConfig(table: Record<string, unknown>, source: string, checkIds: readonly string[]): ConfigResult {
  const warnings: string[] = [];
  const config: Config = { source, ignore: {} };
  const unknownIds: string[] = [];
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(table)) {
    switch (key) {
      case 'require':
        if (typeof value !== 'string' || value.trim() === '') return { error: `${source}: require must be a string` };
        if (UNSAFE.test(value) || value.length > VALUE_CHARS) {
          return { error: `${source}: require "${quoted(value)}" is not a version specifier` };
        }
        config.require = value;
        break;
      case 'venv': {
        if (typeof value !== 'string') return { error: `${source}: venv must be a string` };
        const problem = venvPathProblem(value);
        if (problem) return { error: `${source}: ${problem}` };
        config.venv = value;
        break;
      }
      case 'strict':
        if (typeof value !== 'boolean') return { error: `${source}: strict must be true or false` };
        config.strict = value;
        break;
      case 'ignore': {
        // ignore = ["gitignore"]  or  [tool.venv-doctor.ignore] gitignore = "the venv lives outside the repo"
        const entries: [string, unknown][] = Array.isArray(value)
          ? value.map((id) => [String(id), `ignored in ${source}`])
          : value && typeof value === 'object'
            ? Object.entries(value)
            : [];
        if (entries.length === 0 && !(Array.isArray(value) || (value && typeof value === 'object'))) {
          return { error: `${source}: ignore must be a list of check ids, or a table of check id = "reason"` };
        }
        for (const [id, reason] of entries) {
          if (!checkIds.includes(id)) {
            unknownIds.push(id);
            continue;
          }
          // The reason is shown in the report: one printable line.
          config.ignore[id] =
            typeof reason === 'string' && reason.trim() ? quoted(reason.trim(), REASON_CHARS) : `ignored in ${source}`;
        }
        break;
      }
      default:
        unknownKeys.push(key);
    }
  }
  // One warning for all unknown names, however many there are (a hostile file may hold a million).
  if (unknownKeys.length > 0) {
    const [first, second] = [...new Set(unknownKeys)];
    const keys = second === undefined ? `key "${quoted(first ?? '')}"` : `keys ${someNames(unknownKeys)}`;
    warnings.push(`${source}: unknown ${keys} (ignored); the valid keys are: ${CONFIG_KEYS.join(', ')}`);
  }
  if (unknownIds.length > 0) {
    const [first, second] = [...new Set(unknownIds)];
    const ids = second === undefined ? `check "${quoted(first ?? '')}"` : `checks ${someNames(unknownIds)}`;
    warnings.push(`${source}: ignore names no ${ids}; the checks are: ${checkIds.join(', ')}`);
  }
  return { config, warnings };
}
