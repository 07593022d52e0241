// How a command is shown for a person to copy: POSIX-shell quoting. Pure.

/** One argument, quoted only when it needs it. */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=+,@%-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A whole argv, as a person would type it. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/** One argument for PowerShell: single quotes, a quote inside doubled. */
export function quotePowerShellArg(arg: string): string {
  // PowerShell takes ‘ ’ ‚ ‛ for single quotes too: each is doubled like '.
  return /^[A-Za-z0-9_./:=+,@%\\-]+$/.test(arg) ? arg : `'${arg.replace(/['\u2018-\u201B]/g, '$&$&')}'`;
}

/**
 * A whole argv for the shell of the platform the facts are from: PowerShell on Windows (where a quoted
 * program needs the call operator &), a POSIX shell everywhere else.
 */
export function commandLine(argv: readonly string[], platform: string): string {
  if (platform !== 'win32') return shellQuote(argv);
  const [program = '', ...args] = argv.map(quotePowerShellArg);
  return [program.startsWith("'") ? `& ${program}` : program, ...args].join(' ');
}

/** One argument for the shell of that platform. */
export function quoteFor(platform: string): (arg: string) => string {
  return platform === 'win32' ? quotePowerShellArg : quoteArg;
}
