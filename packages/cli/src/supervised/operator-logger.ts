import type { SupervisorLogger } from '@zoryx/supervisor';

/**
 * The default logger of `runBot`: one readable line per message on stderr (`[zoryx] …`, with the
 * error code when there is one), info and above; the bot's own log keeps going to its pino
 * destinations.
 */
export function operatorLogger(
  write: (line: string) => unknown = (line) => process.stderr.write(line),
): SupervisorLogger {
  const line = (label: string) => (data: object, message: string) => {
    const code = 'code' in data && typeof data.code === 'string' ? ` (${data.code})` : '';
    write(`[zoryx] ${label}${message}${code}\n`);
  };
  return {
    debug: () => undefined,
    info: line(''),
    warn: line('warning: '),
    error: line('error: '),
  };
}
