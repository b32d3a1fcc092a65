import { inspect } from 'node:util';
import { type ILogger, LogLevel } from '@sapphire/framework';
import type { Logger } from 'pino';
import { redactValue } from './redact.js';
import { createSecretScrubber } from './scrub-secrets.js';

/**
 * Token-shaped strings and `Bot <token>` credentials, scrubbed here too in case the pino logger
 * given to the bridge was not made by createLogger (which scrubs configured values as well).
 */
const scrubCredentials = createSecretScrubber([]);

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | undefined> =
  {
    [LogLevel.Trace]: 'trace',
    [LogLevel.Debug]: 'debug',
    [LogLevel.Info]: 'info',
    [LogLevel.Warn]: 'warn',
    [LogLevel.Error]: 'error',
    [LogLevel.Fatal]: 'fatal',
  };

/**
 * Sapphire's logger interface on top of pino, so Sapphire's own messages share our log files.
 * Sapphire hands over loose values; they are joined into the message here, objects rendered
 * after their secret-named keys were redacted, credential-shaped strings scrubbed (a logger from
 * createLogger then also scrubs the configured secret values from the whole line).
 */
export class PinoSapphireLogger implements ILogger {
  public constructor(private readonly pino: Logger) {}

  public has(level: LogLevel): boolean {
    const name = LEVELS[level];
    return name !== undefined && this.pino.isLevelEnabled(name);
  }

  public trace(...values: readonly unknown[]): void {
    this.write(LogLevel.Trace, ...values);
  }
  public debug(...values: readonly unknown[]): void {
    this.write(LogLevel.Debug, ...values);
  }
  public info(...values: readonly unknown[]): void {
    this.write(LogLevel.Info, ...values);
  }
  public warn(...values: readonly unknown[]): void {
    this.write(LogLevel.Warn, ...values);
  }
  public error(...values: readonly unknown[]): void {
    this.write(LogLevel.Error, ...values);
  }
  public fatal(...values: readonly unknown[]): void {
    this.write(LogLevel.Fatal, ...values);
  }

  public write(level: LogLevel, ...values: readonly unknown[]): void {
    const name = LEVELS[level];
    if (!name) return;
    const error = values.find((v): v is Error => v instanceof Error);
    const text = scrubCredentials(values.map(formatValue).join(' '));
    if (error) this.pino[name]({ err: error, source: 'sapphire' }, text);
    else this.pino[name]({ source: 'sapphire' }, text);
  }
}

/** One value of a Sapphire log call as text; objects with their secret-named keys redacted. */
function formatValue(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value !== 'object' || value === null) return String(value);
  return inspect(redactValue(value), { depth: 4, breakLength: Number.POSITIVE_INFINITY });
}
