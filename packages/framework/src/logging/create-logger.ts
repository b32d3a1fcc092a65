import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import pino, { type Logger, type LoggerOptions, type TransportTargetOptions } from 'pino';
import type { ZoryxConfig } from '../config/schema.js';
import { CURRENT_RUN_FILE, DEFAULT_MAX_AGE_DAYS, LOG_BASENAME, pruneOldLogs } from './log-files.js';
import { REDACTED, redactFields, redactValue, SENSITIVE_KEYS } from './redact.js';
import { createSecretScrubber } from './scrub-secrets.js';

/** How often rotated files older than `maxAgeDays` are looked for while the bot runs. */
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/** Log housekeeping settings that may come with the `logging` config section. */
export interface LogHousekeeping {
  /** Rotated log files last written longer ago are removed (at start, then every 6 h). Default 30; 0 keeps them. */
  maxAgeDays?: number;
  /** Also write `<dir>/current-run.log`, holding just this run (truncated at start). Default true. */
  currentRun?: boolean;
}

/** Options of {@link createLogger}: the `logging` section of the config plus the base folder. */
export interface CreateLoggerOptions {
  logging: ZoryxConfig['logging'] & LogHousekeeping;
  /** Folder that a relative `logging.dir` is resolved against (default: the working directory). */
  cwd?: string;
  /** Development mode (pretty output when `pretty: 'auto'`); default `NODE_ENV !== 'production'`. */
  dev?: boolean;
  /** Write console output to this fd (default 1, stdout); `false` for no console output. */
  console?: number | false;
  /**
   * Secret values scrubbed from every log line wherever they appear (message, stack, any
   * field), raw, JSON-escaped or URL-encoded — pass the bot token here. `DISCORD_TOKEN` from
   * `process.env` is always included when set.
   */
  secrets?: readonly (string | undefined)[];
}

/** A pino logger plus the means to flush its transports on shutdown. */
export interface ZoryxLogger {
  logger: Logger;
  /** Where rotating files are written, or undefined when file logging is off. */
  file: string | undefined;
  /** The log of this run only (`<dir>/current-run.log`), or undefined when not written. */
  currentRunFile: string | undefined;
  /**
   * How lines leave the process: `'off'` (level `silent` or no output configured), `'direct'`
   * (plain JSON to the console from this thread, no transport thread to start) or `'thread'`
   * (pino transports on a worker thread: rotating files, pretty printing).
   */
  output: 'off' | 'direct' | 'thread';
  /** Flushes and closes the transports (rotating files, pretty printer). */
  close(): Promise<void>;
}

/**
 * Key names whose values never reach a log line, at any depth and in any letter case (`-`, `_`
 * ignored); keys ending in `token`, `secret`, `password`, `apikey`, `cookie`… are redacted too.
 */
export const REDACTED_KEYS: readonly string[] = SENSITIVE_KEYS;

/**
 * Creates the framework's pino logger: console output (pretty in development when `pino-pretty`
 * is installed), rotating files via `pino-roll` (`maxFileSizeMb` per file; `maxFiles` rotated
 * files are kept besides the active one, files older than `maxAgeDays` are removed) and
 * `current-run.log` holding just this run.
 *
 * Secrets never reach a transport: every line's fields (nested objects, arrays, errors with
 * their properties and causes, printf arguments, child bindings) are walked and secret-named
 * keys redacted (see {@link REDACTED_KEYS}); then the serialised line — message and stack
 * traces included — is scrubbed of the `secrets` values and of `Bot <token>`-style credentials.
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
  let currentRunFile: string | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  if (logging.file) {
    const dir = resolve(options.cwd ?? process.cwd(), logging.dir);
    file = join(dir, LOG_BASENAME);
    const maxAgeDays = logging.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS;
    // Before pino-roll starts, so it never reopens a file that is about to be removed.
    pruneOldLogs(dir, { maxAgeDays, keepActive: false });
    if (maxAgeDays > 0) {
      pruneTimer = setInterval(() => pruneOldLogs(dir, { maxAgeDays }), PRUNE_EVERY_MS);
      pruneTimer.unref();
    }
    if (logging.currentRun !== false) {
      currentRunFile = join(dir, CURRENT_RUN_FILE);
      targets.push({
        target: 'pino/file',
        level: logging.level,
        options: { destination: currentRunFile, mkdir: true, append: false },
      });
    }
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
  const base = redactingOptions(logging.level, [
    process.env.DISCORD_TOKEN,
    ...(options.secrets ?? []),
  ]);
  if (targets.length === 0 || logging.level === 'silent') {
    clearInterval(pruneTimer);
    const logger = redactChildBindings(pino({ ...base, enabled: false }));
    return { logger, file, currentRunFile, output: 'off', close: async () => undefined };
  }
  const [only] = targets;
  if (targets.length === 1 && only?.target === 'pino/file' && typeof consoleFd === 'number') {
    // JSON to the console alone needs no transport thread: starting one (and loading its
    // modules) cost ~150 ms of every bot's start for what this thread writes just as well.
    // Synchronous, as pino's own default: a worker thread that dies right after its last line
    // (a crash, a watchdog restart) still leaves that line written.
    const destination = pino.destination({ dest: consoleFd, sync: true });
    const logger = redactChildBindings(pino(base, destination));
    return {
      logger,
      file,
      currentRunFile,
      output: 'direct',
      close: async () => {
        // Not `end()`: the fd (stdout, or one the caller opened) stays the caller's to close.
        destination.flushSync();
      },
    };
  }
  const transport = pino.transport({ targets });
  const logger = redactChildBindings(pino(base, transport));
  return {
    logger,
    file,
    currentRunFile,
    output: 'thread',
    close: () =>
      new Promise<void>((done) => {
        clearInterval(pruneTimer);
        // The transport's worker thread is unref'd: without a handle of our own, a process with
        // nothing else left would exit before the last lines were flushed and this settled.
        const hold = setInterval(() => undefined, 60_000);
        transport.once('close', () => {
          clearInterval(hold);
          done();
        });
        logger.flush(() => transport.end());
      }),
  };
}

/**
 * pino options that keep secrets out of every line. Fields: `formatters.log` runs
 * {@link redactFields} on the merge object, which also serialises errors (so the `err`
 * serializer passes its result through); `hooks.logMethod` redacts objects given as printf
 * arguments. Whole line: `hooks.streamWrite` scrubs secret values from the serialised text
 * before any transport sees it. (Child bindings: {@link redactChildBindings}.)
 */
function redactingOptions(level: string, secrets: readonly (string | undefined)[]): LoggerOptions {
  const scrub = createSecretScrubber(secrets);
  return {
    level,
    formatters: { log: safely(redactFields) },
    serializers: { err: (value: unknown) => value },
    hooks: {
      logMethod(args, method) {
        for (let i = 1; i < args.length; i++) {
          if (typeof args[i] === 'object' && args[i] !== null) args[i] = redactValue(args[i]);
        }
        return method.apply(this, args);
      },
      streamWrite: scrub,
    },
  };
}

/**
 * Redacts the bindings of every child logger (and grandchild…). pino gives children a fresh
 * bindings formatter, so `formatters.bindings` never sees them; children are created with
 * `Object.create(parent)`, so they all inherit these two methods from the root.
 */
function redactChildBindings(logger: Logger): Logger {
  const { child, setBindings } = logger;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, safely(redactFields)(bindings), options);
  } as Logger['child'];
  logger.setBindings = function (this: Logger, bindings) {
    setBindings.call(this, safely(redactFields)(bindings));
  };
  return logger;
}

/** A failing redaction (a throwing getter…) drops the fields rather than risk printing them. */
function safely(
  redact: (fields: Record<string, unknown>) => Record<string, unknown>,
): (fields: Record<string, unknown>) => Record<string, unknown> {
  return (fields) => {
    try {
      return redact(fields);
    } catch {
      return { fields: REDACTED };
    }
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
