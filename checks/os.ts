import { familyOf } from '../src/judge/derived.js';
import type { Check } from '../src/types.js';

/** Which system this is: the distribution decides how Python is packaged and which fix applies. */
export const check: Check = {
  id: 'os',
  title: 'Operating system',
  description: 'Identifies the OS and distribution (os-release), WSL and containers.',
  run({ os, host }) {
    const where = [host.wsl ? 'on WSL' : null, host.container ? `in a ${host.container} container` : null]
      .filter(Boolean)
      .join(', ');
    const details = [
      `id: ${os.id ?? 'unknown'}${os.idLike.length ? ` (like ${os.idLike.join(', ')})` : ''}`,
      `version: ${os.versionId ?? 'unknown'}${os.codename ? ` (${os.codename})` : ''}`,
      `read from: ${os.source ?? 'nothing'}`,
      `platform: ${host.platform} ${host.arch}, kernel ${host.kernel}`,
      `running as ${host.isRoot ? 'root' : 'a regular user'}; sudo ${host.sudo ? `at ${host.sudo}` : 'not found'}`,
    ];
    if (os.problem) {
      return [
        {
          severity: 'warn',
          message: `The distribution could not be identified: ${os.problem}. The other checks still run, but no package fix can be planned.`,
          details,
        },
      ];
    }
    const name = os.prettyName ?? [os.name ?? os.id, os.versionId].filter(Boolean).join(' ');
    const family =
      host.platform === 'linux' && !familyOf(os)
        ? ' venv-doctor reports on this system but has no package fixes for it (see docs/systems/).'
        : '';
    return [{ severity: 'pass', message: `${name}${where ? ` ${where}` : ''}.${family}`, details }];
  },
};
