import { StoreError } from './errors.js';
import type { AtomicStoreOptions } from './types.js';

/** {@link AtomicStoreOptions} with defaults applied. */
export interface ResolvedOptions {
  readonly root: string;
  readonly cacheSize: number;
  readonly ttlMs: number;
  readonly retries: number;
  readonly fsync: boolean;
  readonly retryDelayMs: number;
  readonly indent: number;
  readonly now: () => number;
  readonly backups: boolean;
}

function optionError(name: string, value: unknown, expected: string): StoreError {
  return new StoreError(
    'ZRX_STORE_OPTIONS',
    `AtomicStore option "${name}" is ${JSON.stringify(value) ?? String(value)}; expected ${expected}.`,
    `Pass ${expected} as "${name}", or leave it out for the default.`,
  );
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw optionError(name, value, `an integer ≥ ${min}`);
  }
  return value;
}

/** Checks the options and fills in the defaults (throws `ZRX_STORE_OPTIONS`). */
export function validateOptions(options: AtomicStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw optionError('options', options, 'an object with a "root" directory');
  }
  if (
    typeof options.root !== 'string' ||
    options.root.length === 0 ||
    options.root.includes('\0')
  ) {
    throw optionError('root', options.root, 'a directory path');
  }
  if (options.fsync !== undefined && typeof options.fsync !== 'boolean') {
    throw optionError('fsync', options.fsync, 'a boolean');
  }
  if (options.backups !== undefined && typeof options.backups !== 'boolean') {
    throw optionError('backups', options.backups, 'a boolean');
  }
  if (options.onCorrupt !== undefined && typeof options.onCorrupt !== 'function') {
    throw optionError('onCorrupt', options.onCorrupt, 'a function');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw optionError('now', options.now, 'a function returning milliseconds');
  }
  return {
    root: options.root,
    cacheSize: count('cacheSize', options.cacheSize, 1000, 0),
    ttlMs: count('ttlMs', options.ttlMs, 300_000, 1),
    retries: count('retries', options.retries, 3, 0),
    fsync: options.fsync ?? true,
    retryDelayMs: count('retryDelayMs', options.retryDelayMs, 20, 0),
    indent: count('indent', options.indent, 2, 0),
    now: options.now ?? Date.now,
    backups: options.backups ?? true,
  };
}
