import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/**
 * A pino logger at level `info` whose lines are parsed into `lines` as they are written, for
 * tests that assert on what the bot logged (codes, error ids, levels). `T` names the fields the
 * test reads.
 */
export function collectingLogger<T>(): { logger: Logger; lines: T[] } {
  const lines: T[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line) as T);
        done();
      },
    }),
  );
  return { logger, lines };
}
