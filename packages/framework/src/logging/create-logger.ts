import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import pino, { type Logger, type TransportTargetOptions } from 'pino';
import type { ZoryxConfig } from '../config/schema.js';

/** Options of {@link createLogger}: the `logging` section of the config plus the base folder. */
export interface CreateLoggerOptions {
  logging: ZoryxConfig['logging'];
  /** Folder that a relative `logging.dir` is resolved against (default: the working directory). */
  cwd?: string;
  /** Development mode (pretty output when `pretty: 'auto'`); default `NODE_ENV !== 'production'`. */
  dev?: boolean;
  /** Write console output to this fd (default 1, stdout); `false` for no console output. */
  console?: number | false;
}

/** A pino logger plus the means to flush its transports on shutdown. */
export interface ZoryxLogger {
  logger: Logger;
  /** Where rotating files are written, or undefined when file logging is off. */
  file: string | undefined;
  /** Flushes and closes the transports (rotating files, pretty printer). */
  close(): Promise<void>;
}

/** Keys that must never reach a log line. */
export const REDACTED_KEYS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  '*.authorization',
  'headers.authorization',
];

/**
 * Creates the framework's pino logger: console output (pretty in development when `pino-pretty`
 * is installed) and rotating files via `pino-roll` (`maxFileSizeMb` per file; `maxFiles` rotated
 * files are kept besides the active one). Secrets under {@link REDACTED_KEYS} are censored.
 */
export function createLogger(options: CreateLoggerOptions): ZoryxLogger {
  const { logging } = options;
  const dev = options.dev ?? process.env.NODE_ENV !== 'production';
  const targets: TransportTargetOptions[] = [];
  const consoleFd = options.console ?? 1;
  if (consoleFd !== false) {
    const wantPretty = logging.pretty === 'always' || (logging.pretty === 'auto' && dev);
    if (wantPretty && hasModule('pino-pretty')) {
      targets.push({
        target: 'pino-pretty',
        level: logging.level,
        options: { destination: consoleFd },
      });
    } else {
      targets.push({
        target: 'pino/file',
        level: logging.level,
        options: { destination: consoleFd },
      });
    }
  }
  let file: string | undefined;
  if (logging.file) {
    file = resolve(options.cwd ?? process.cwd(), logging.dir, 'zoryx');
    targets.push({
      target: 'pino-roll',
      level: logging.level,
      options: {
        file,
        size: `${Math.max(1, Math.round(logging.maxFileSizeMb * 1024))}k`,
        limit: { count: logging.maxFiles },
        mkdir: true,
      },
    });
  }
  const base = { level: logging.level, redact: { paths: REDACTED_KEYS, censor: '[redacted]' } };
  if (targets.length === 0) {
    const logger = pino({ ...base, enabled: false });
    return { logger, file, close: async () => undefined };
  }
  const transport = pino.transport({ targets });
  const logger = pino(base, transport);
  return {
    logger,
    file,
    close: () =>
      new Promise<void>((done) => {
        transport.once('close', () => done());
        logger.flush(() => transport.end());
      }),
  };
}

function hasModule(name: string): boolean {
  try {
    // Resolved from this package, as pino resolves transport targets.
    const from = typeof __filename === 'string' ? __filename : import.meta.url;
    createRequire(from).resolve(name);
    return true;
  } catch {
    return false;
  }
}
