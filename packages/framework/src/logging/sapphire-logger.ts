import { type ILogger, LogLevel } from '@sapphire/framework';
import type { Logger } from 'pino';

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | undefined> =
  {
    [LogLevel.Trace]: 'trace',
    [LogLevel.Debug]: 'debug',
    [LogLevel.Info]: 'info',
    [LogLevel.Warn]: 'warn',
    [LogLevel.Error]: 'error',
    [LogLevel.Fatal]: 'fatal',
  };

/** Sapphire's logger interface on top of pino, so Sapphire's own messages share our log files. */
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
    const text = values.map((v) => (v instanceof Error ? v.message : String(v))).join(' ');
    if (error) this.pino[name]({ err: error, source: 'sapphire' }, text);
    else this.pino[name]({ source: 'sapphire' }, text);
  }
}
