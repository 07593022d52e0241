// Every package system venv-doctor plans fixes for, one file each. Adding one: a file beside these, an
// entry here, its page in docs/systems/, and its tests.
import type { OsFacts, PackageManagerId } from '../types.js';
import { apk } from './apk.js';
import { apt } from './apt.js';
import { brew } from './brew.js';
import { dnf } from './dnf.js';
import { pacman } from './pacman.js';
import type { PackageSystem } from './types.js';
import { winget } from './winget.js';
import { zypper } from './zypper.js';

export type { PackageSystem, PackageWant } from './types.js';

export const SYSTEMS: Record<PackageManagerId, PackageSystem> = { apt, dnf, apk, pacman, zypper, brew, winget };

/** The family of this os-release, or null (a system venv-doctor has no package fixes for). */
export function systemFor(os: OsFacts): PackageSystem | null {
  return Object.values(SYSTEMS).find((system) => system.matches(os)) ?? null;
}
