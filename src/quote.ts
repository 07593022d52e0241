// How a command is shown for a person to copy: POSIX-shell quoting. Pure.

/** One argument, quoted only when it needs it. */
export function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=+,@%-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A whole argv, as a person would type it. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}
