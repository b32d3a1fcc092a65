import path from 'node:path';
import { StoreError } from './errors.js';

/**
 * Turns a caller's path into the store key: relative, `/`-separated, normalised
 * (`a/../b.json` → `b.json`). Backslashes count as separators on every platform so keys mean
 * the same file on Windows and POSIX. Anything absolute, escaping the root, naming the root
 * itself, or containing NUL is refused with `ZRX_STORE_PATH`.
 */
export function normaliseStorePath(input: string): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw pathError(String(input), 'is empty or not a string');
  }
  if (input.includes('\0')) throw pathError(input, 'contains a NUL byte');
  const slashed = input.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw pathError(input, 'is absolute; store paths are relative to the store root');
  }
  const key = path.posix.normalize(slashed);
  if (key === '..' || key.startsWith('../')) throw pathError(input, 'escapes the store root');
  if (key === '.' || key.endsWith('/')) throw pathError(input, 'names a directory, not a file');
  return key;
}

/** Whether `candidate` (a real, resolved path) is `root` or lies inside it. */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const rel = path.relative(root, candidate);
  return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The `ZRX_STORE_PATH` error for `input`. */
export function pathError(input: string, why: string): StoreError {
  return new StoreError(
    'ZRX_STORE_PATH',
    `Store path ${JSON.stringify(input)} ${why}.`,
    'Pass a path relative to the store root without "..", NUL bytes or symlinks leading outside, e.g. "guilds/123.json".',
    { file: input },
  );
}

/**
 * Memoises {@link normaliseStorePath} so the cached-read fast path does not re-normalise.
 * Bounded: cleared when full, which only costs a re-normalisation.
 */
export class StorePathMemo {
  readonly #keys = new Map<string, string>();
  readonly #max: number;

  constructor(max = 4096) {
    this.#max = max;
  }

  /** The store key for `input` (throws `ZRX_STORE_PATH` like {@link normaliseStorePath}). */
  key(input: string): string {
    const known = this.#keys.get(input);
    if (known !== undefined) return known;
    const key = normaliseStorePath(input);
    if (this.#keys.size >= this.#max) this.#keys.clear();
    this.#keys.set(input, key);
    return key;
  }
}
