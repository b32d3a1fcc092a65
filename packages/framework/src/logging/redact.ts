import pino from 'pino';

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Key names (lower-cased, `-`/`_`/spaces removed) whose values never reach a log line, at any
 * depth. Besides these exact names, every key _ending_ in one of {@link SENSITIVE_KEY_SUFFIXES}
 * is redacted too (`botToken`, `DISCORD_TOKEN`, `client_secret`, `x-api-key`, `Set-Cookie`…).
 */
export const SENSITIVE_KEYS: readonly string[] = [
  'auth',
  'authorization',
  'cookie',
  'credentials',
  'passwd',
  'password',
  'pwd',
  'secret',
  'token',
];

/** Key endings that mark a secret (matched on the normalised key, see {@link SENSITIVE_KEYS}). */
export const SENSITIVE_KEY_SUFFIXES: readonly string[] = [
  'accesskey',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'passphrase',
  'password',
  'privatekey',
  'secret',
  'token',
  'tokens',
];

/**
 * Below this many levels objects are not walked but replaced (`[Object]`/`[Array]`). pino itself
 * prints nothing deeper than 5 levels under a top-level key (its `depthLimit`), so the output
 * does not change; what it guarantees is that no unwalked subtree is ever printed.
 */
const MAX_DEPTH = 8;
const exact = new Set(SENSITIVE_KEYS);
const keyCache = new Map<string, boolean>();
const errSerializer = pino.stdSerializers.err;

/** Whether values under `key` are secrets. Case-insensitive; `-`, `_` and spaces are ignored. */
export function isSensitiveKey(key: string): boolean {
  let sensitive = keyCache.get(key);
  if (sensitive === undefined) {
    const normal = key.toLowerCase().replace(/[-_\s.]/g, '');
    sensitive = exact.has(normal) || SENSITIVE_KEY_SUFFIXES.some((end) => normal.endsWith(end));
    // Log keys are a small, fixed vocabulary; the bound only guards against keys made of data.
    if (keyCache.size >= 4096) keyCache.clear();
    keyCache.set(key, sensitive);
  }
  return sensitive;
}

/**
 * Returns `value` with every secret-named key redacted at any depth: plain objects, arrays,
 * class instances (as `JSON.stringify` sees them, `toJSON` included) and errors. Errors become
 * pino's serialised form (`type`, `message` and `stack` with their causes, enumerable
 * properties such as `config.headers`, `aggregateErrors`) plus a non-error `cause`, walked like
 * any object. Cycles become `[Circular]`; objects deeper than {@link MAX_DEPTH} levels become
 * `[Object]`/`[Array]`.
 *
 * Copy-on-write: what holds no secret is returned as is (the same reference), so the common log
 * line costs one pass over its keys and no allocation.
 */
export function redactValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const base = ancestors.length;
  try {
    return walk(value, 0) as T;
  } finally {
    ancestors.length = base; // a throwing getter or toJSON must not leave stale ancestors
  }
}

/** {@link redactValue} for a log line's merge object (or a child logger's bindings). */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const base = ancestors.length;
  ancestors.push(fields);
  try {
    return walkKeys(fields, 0) as Record<string, unknown>;
  } finally {
    ancestors.length = base;
  }
}

/**
 * The objects being walked, outermost first: meeting one again is a cycle. An array rather than
 * a set: it is at most MAX_DEPTH long, and reusing one avoids an allocation per log line.
 */
const ancestors: object[] = [];

function walk(value: object, depth: number): unknown {
  if (depth > MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) return value;
  if (ancestors.includes(value)) return '[Circular]';
  ancestors.push(value);
  let result: unknown;
  if (value instanceof Error) {
    result = walkKeys(serialiseError(value), depth);
  } else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // What JSON.stringify would print (a Date's string, a discord.js object's plain form…).
    const json: unknown = (value as { toJSON: () => unknown }).toJSON();
    if (json === value) result = walkKeys(value as Record<string, unknown>, depth);
    else result = typeof json === 'object' && json !== null ? walk(json, depth) : json;
  } else if (Array.isArray(value)) {
    result = walkArray(value, depth);
  } else {
    result = walkKeys(value as Record<string, unknown>, depth);
  }
  ancestors.pop();
  return result;
}

function walkKeys(obj: Record<string, unknown>, depth: number): object {
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = obj[key];
    let next = value;
    if (value === null || value === undefined || typeof value === 'boolean') {
      // Nothing to hide (and "token: undefined" is worth seeing when debugging a login).
    } else if (isSensitiveKey(key)) next = REDACTED;
    else if (typeof value === 'object') next = walk(value, depth + 1);
    if (next !== value && out === undefined) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j] as string] = obj[keys[j] as string];
    }
    if (out !== undefined) out[key] = next;
  }
  return out ?? obj;
}

function walkArray(arr: readonly unknown[], depth: number): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < arr.length; i++) {
    const value = arr[i];
    const next = typeof value === 'object' && value !== null ? walk(value, depth + 1) : value;
    if (next !== value && out === undefined) out = arr.slice(0, i);
    if (out !== undefined) out.push(next);
  }
  return out ?? (arr as unknown[]);
}

/** pino's own error serialisation (a plain copy), plus a non-error `cause` it would drop. */
function serialiseError(error: Error): Record<string, unknown> {
  // Its result keeps the raw error under a symbol; copying the string keys leaves that behind.
  const pinoForm = errSerializer(error) as unknown as Record<string, unknown>;
  const serialised: Record<string, unknown> = {};
  for (const key of Object.keys(pinoForm)) serialised[key] = pinoForm[key];
  const cause: unknown = error.cause;
  if (cause !== undefined && serialised.cause === undefined && !(cause instanceof Error)) {
    serialised.cause = cause;
  }
  return serialised;
}
