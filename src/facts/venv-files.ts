// Parsers of the files a venv is made of: pyvenv.cfg, the activate script, script shebangs. Pure.

export interface PyvenvCfg {
  home: string | null;
  /** `version` (3.11 and older, and Debian) or `version_info` (3.12+ upstream also writes it). */
  version: string | null;
  executable: string | null;
  command: string | null;
}

/** pyvenv.cfg is `key = value` lines; keys are case-insensitive, as venv itself reads them. */
export function parsePyvenvCfg(text: string): PyvenvCfg {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields.set(match[1].toLowerCase().replace(/-/g, '_'), match[2]);
  }
  const value = (key: string) => {
    const v = fields.get(key);
    return v === undefined || v === '' ? null : v.slice(0, 4096);
  };
  return {
    home: value('home'),
    version: value('version') ?? value('version_info'),
    executable: value('executable'),
    command: value('command'),
  };
}

/**
 * The directory Windows' activate.bat was written for: `set "VIRTUAL_ENV=C:\\path"` (3.11+), `set
 * VIRTUAL_ENV=C:\\path` (before); one computed at run time (%~dp0, 3.13's relocatable form) says nothing.
 */
export function activateBatVirtualEnv(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*set\s+(")?VIRTUAL_ENV=([^"%]+?)\1?\s*$/i.exec(line);
    const value = match?.[2];
    if (value && /^[A-Za-z]:\\/.test(value)) return value.replace(/\\+$/, '');
  }
  return null;
}

/**
 * The directory the activate script was written for: `VIRTUAL_ENV="/path"` (older), `VIRTUAL_ENV=/path`
 * (Debian 12), `export VIRTUAL_ENV="/path"` (3.13). Lines computed at run time (cygpath) are skipped.
 */
export function activateVirtualEnv(text: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?VIRTUAL_ENV=(["']?)([^"'$`]+)\1\s*$/.exec(line);
    const value = match?.[2];
    if (value && (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value))) return value;
  }
  return null;
}

/** The interpreter a script's `#!` line names, or null (not a script, or a shell wrapper). */
export function shebangInterpreter(head: string): string | null {
  const first = head.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return null;
  const command = first.slice(2).trim();
  // pip's launcher for paths with spaces: `#!/bin/sh` + `'''exec' "/path with space/bin/python" ...`
  if (command === '/bin/sh') {
    const exec = /^'''exec' (?:"([^"]+)"|(\S+))/m.exec(head);
    return exec?.[1] ?? exec?.[2] ?? null;
  }
  return command.split(/\s+/)[0] ?? null;
}

/** The venv directory a script's interpreter lives in: `/old/.venv/bin/python3` -> `/old/.venv`. */
export function venvDirOfInterpreter(interpreter: string): string | null {
  const match = /^(.*)[\\/](?:bin|Scripts)[\\/]python[\w.]*(?:\.exe)?$/i.exec(interpreter);
  const dir = match?.[1] ?? null;
  // A script of the system's Python copied into bin/ (#!/usr/bin/python3) says nothing of where the venv was.
  return dir === null || SYSTEM_PREFIXES.includes(dir) ? null : dir;
}

/** Where a system Python lives, never a venv. */
const SYSTEM_PREFIXES = ['', '/usr', '/usr/local'];
