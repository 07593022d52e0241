// The Python probe: one short program run once, by the interpreter under diagnosis, that reports what
// `python -m venv` depends on. It must run on any Python 3 (no f-strings), import nothing slow
// (json and importlib.util would each cost ~10 ms: it writes its own JSON and looks for files instead;
// sysconfig ~2.5 ms: the standard library is where os.py is, and the one build setting read comes from the
// module sysconfig would read it from), and never trust `import ensurepip` or `python -m ensurepip
// --version` (both lie; facts §0.5).
import type { Probe } from '../types.js';

export const PROBE_SENTINEL = '@@venv-doctor-probe@@';

export const PROBE_SOURCE = String.raw`
import os, sys
def q(v):
    if v is None: return 'null'
    if v is True: return 'true'
    if v is False: return 'false'
    if isinstance(v, int): return str(v)
    if isinstance(v, (list, tuple)): return '[' + ','.join([q(x) for x in v]) + ']'
    if isinstance(v, dict): return '{' + ','.join([q(k) + ':' + q(x) for k, x in v.items()]) + '}'
    out = []
    for c in str(v):
        o = ord(c)
        if c == '"' or c == '\\': out.append('\\' + c)
        elif o < 32 or o == 127 or 0xd800 <= o < 0xe000: out.append('\\u%04x' % o)
        else: out.append(c)
    return '"' + ''.join(out) + '"'
def wheels(d):
    try: return sorted([n for n in os.listdir(d) if n.endswith('.whl') and (n.startswith('pip-') or n.startswith('setuptools-'))])
    except Exception: return []
def isfile(*p): return os.path.isfile(os.path.join(*p))
def config_var(name):
    try:
        data = __import__(os.environ.get('_PYTHON_SYSCONFIGDATA_NAME') or '_sysconfigdata_%s_%s_%s' % (
            getattr(sys, 'abiflags', ''), sys.platform, getattr(sys.implementation, '_multiarch', '')))
        return data.build_time_vars.get(name)
    except Exception:
        import sysconfig
        return sysconfig.get_config_var(name)
stdlib = os.path.dirname(getattr(os, '__file__', None) or '')
if not os.path.isfile(os.path.join(stdlib, 'os.py')):
    import sysconfig
    stdlib = sysconfig.get_path('stdlib')
base = getattr(sys, 'base_prefix', sys.prefix)
marker = os.path.join(stdlib, 'EXTERNALLY-MANAGED')
text = None
if os.path.isfile(marker):
    try:
        with open(marker, 'rb') as f: text = f.read(16384).decode('utf-8', 'replace')
    except Exception: text = ''
wd = config_var('WHEEL_PKG_DIR') or None
if wd is None and isfile(stdlib, 'ensurepip', '__init__.py'):
    try:
        with open(os.path.join(stdlib, 'ensurepip', '__init__.py'), 'rb') as f:
            # Before 3.10 the distributions patch ensurepip to name its wheel directory: Debian 11's
            # '/usr/share/python-wheels', Fedora's "/usr/share/python-wheels/", RHEL 9's "/usr/share/python3-wheels/",
            # RHEL 8's "/usr/share/python{}-wheels/".format(sys.version_info[0]) and python39's python39-wheels.
            src = f.read(); i = src.find(b'/usr/share/python')
            while i >= 0 and wd is None:
                j = src.find(b'-wheels', i, i + 32); mid = src[i + 17:j] if j > 0 else b'/'
                if src[i - 1:i] in (b'"', b"'") and (mid in (b'', b'{}') or mid.isdigit()):
                    wd = src[i:j + 7].decode().replace('{}', str(sys.version_info[0]))
                i = src.find(b'/usr/share/python', i + 1)
    except Exception: pass
pip = None
for p in sys.path:
    if p and isfile(p, 'pip', '__init__.py'):
        pip = os.path.join(p, 'pip'); break
exe = sys.executable or ''
sys.stdout.write('${PROBE_SENTINEL}' + q({
    'version': '%d.%d.%d' % sys.version_info[:3],
    'versionInfo': list(sys.version_info[:3]),
    'implementation': sys.implementation.name,
    'executable': exe,
    'realExecutable': os.path.realpath(exe) if exe else '',
    'prefix': sys.prefix,
    'basePrefix': base,
    'stdlib': stdlib,
    'platform': sys.platform,
    'marker': {'path': marker, 'present': text is not None, 'text': text},
    'ensurepipMain': isfile(stdlib, 'ensurepip', '__main__.py'),
    'wheelDir': wd,
    'wheelDirFiles': wheels(wd) if wd else [],
    'bundledFiles': wheels(os.path.join(stdlib, 'ensurepip', '_bundled')),
    'pip': pip,
    'venvModule': isfile(stdlib, 'venv', '__init__.py'),
    'condaMeta': os.path.isdir(os.path.join(base, 'conda-meta')),
}) + '\n')
`;

/**
 * Arguments that run the probe: isolated mode ignores PYTHON* variables, user site and the cwd. Without
 * site (-S), no .pth file of the interpreter's site-packages runs either: used for the project's venv.
 */
export function probeArgs(site = true): string[] {
  return site ? ['-I', '-c', PROBE_SOURCE] : ['-I', '-S', '-c', PROBE_SOURCE];
}

/**
 * Reads the probe's line out of whatever the interpreter printed (a sitecustomize may print more).
 * Returns null when there is no valid probe line.
 */
export function parseProbeOutput(stdout: string): Probe | null {
  const line = stdout.split('\n').find((l) => l.startsWith(PROBE_SENTINEL));
  if (line === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice(PROBE_SENTINEL.length));
  } catch {
    return null;
  }
  return isProbe(raw) ? raw : null;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Shape check, so that a replayed or garbled probe never reaches a check half-formed. */
export function isProbe(v: unknown): v is Probe {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  const marker = p.marker as Record<string, unknown> | null | undefined;
  return (
    typeof p.version === 'string' &&
    Array.isArray(p.versionInfo) &&
    p.versionInfo.length === 3 &&
    p.versionInfo.every((n) => Number.isInteger(n)) &&
    typeof p.executable === 'string' &&
    typeof p.realExecutable === 'string' &&
    typeof p.prefix === 'string' &&
    typeof p.basePrefix === 'string' &&
    typeof p.stdlib === 'string' &&
    typeof p.platform === 'string' &&
    typeof p.implementation === 'string' &&
    typeof marker === 'object' &&
    marker !== null &&
    typeof marker.present === 'boolean' &&
    typeof marker.path === 'string' &&
    (marker.text === null || typeof marker.text === 'string') &&
    typeof p.ensurepipMain === 'boolean' &&
    (p.wheelDir === null || typeof p.wheelDir === 'string') &&
    isStringArray(p.wheelDirFiles) &&
    isStringArray(p.bundledFiles) &&
    (p.pip === null || typeof p.pip === 'string') &&
    typeof p.venvModule === 'boolean' &&
    typeof p.condaMeta === 'boolean'
  );
}
