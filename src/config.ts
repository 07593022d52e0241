// Settings from a file: [tool.venv-doctor] in the project's pyproject.toml, or --config FILE (a TOML file
// with that table, or the keys at its top level). Flags override the file. Pure, given the parsed TOML.

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
  for (const [key, value] of Object.entries(table)) {
    switch (key) {
      case 'require':
      case 'venv':
        if (typeof value !== 'string' || value.trim() === '') return { error: `${source}: ${key} must be a string` };
        config[key] = value;
        break;
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
            warnings.push(`${source}: ignore names no check "${id}"; the checks are: ${checkIds.join(', ')}`);
            continue;
          }
          config.ignore[id] = typeof reason === 'string' && reason.trim() ? reason.trim() : `ignored in ${source}`;
        }
        break;
      }
      default:
        warnings.push(`${source}: unknown key "${key}" (ignored); the valid keys are: ${CONFIG_KEYS.join(', ')}`);
    }
  }
  return { config, warnings };
}
