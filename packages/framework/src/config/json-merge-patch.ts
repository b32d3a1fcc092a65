/**
 * JSON Merge Patch (RFC 7396) for extension settings: a patch is merged over a config key by key
 * (objects recursively, everything else — arrays too — replaced) and a `null` value deletes the
 * key. The run-time override of an extension is itself such a patch over the `config.json`
 * section, so a `null` kept in it (a tombstone) unsets a value that comes from `config.json`.
 */

/** A JSON object (an extension's config, a settings patch). */
export type JsonObject = { [key: string]: unknown };

// Keys never copied from a patch: they would reach Object.prototype through a merge.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a value is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

type PatchValue<V> =
  NonNullable<V> extends readonly unknown[]
    ? V
    : NonNullable<V> extends (...args: never[]) => unknown
      ? V
      : NonNullable<V> extends object
        ? DeepMergePatch<NonNullable<V>> | V
        : V;

/**
 * A JSON Merge Patch of a config whose input type is `T`: every key may be left out, a nested
 * object may be given in part, and `null` (unset the key) is allowed only where `T` allows the key
 * to be missing (an optional key or one with a default).
 *
 * @example
 * ```ts
 * type Greeter = { greeting?: string; webhook?: { url: string; secret: string } };
 * const ok: DeepMergePatch<Greeter> = { webhook: null, greeting: 'Hi' };
 * // @ts-expect-error `url` is required inside `webhook`: it cannot be unset alone.
 * const bad: DeepMergePatch<Greeter> = { webhook: { url: null } };
 * ```
 */
export type DeepMergePatch<T> = {
  [K in keyof T]?: (undefined extends T[K] ? null : never) | PatchValue<T[K]>;
};

/**
 * `patch` applied to `target` (RFC 7396 §2): a non-object patch replaces the target; an object
 * patch is merged key by key into the target (a non-object target counts as `{}`), `null`
 * deleting the key. Neither argument is changed.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const out: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

/**
 * `patch` written so that, applied over `base`, it gives the same result as applied over nothing:
 * every key of `base` it does not mention gets a tombstone (`null`), recursively where both are
 * objects; its own `null`s are dropped (nothing is there to delete).
 */
function replacing(patch: JsonObject, base: unknown): JsonObject {
  const out: JsonObject = {};
  if (isJsonObject(base)) {
    for (const key of Object.keys(base)) {
      if (!UNSAFE_KEYS.has(key) && !Object.hasOwn(patch, key)) out[key] = null;
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key) || value === null) continue;
    out[key] = isJsonObject(value)
      ? replacing(value, isJsonObject(base) ? base[key] : undefined)
      : value;
  }
  return out;
}

/**
 * One patch doing what `first` then `second` do over `base` (the `config.json` section they are
 * applied to): `applyMergePatch(base, compose(first, second, base))` equals
 * `applyMergePatch(applyMergePatch(base, first), second)`. Tombstones are kept: a key `second`
 * unsets stays `null` in the result, so it stays unset whatever `base` later holds for it. Where
 * `first` had replaced or unset an object and `second` gives one again, the keys `base` has under
 * it and `second` leaves out get tombstones (the object is `second`'s, not merged with `base`'s).
 */
export function composeMergePatches(
  first: JsonObject | undefined,
  second: JsonObject,
  base: unknown,
): JsonObject {
  const out: JsonObject = { ...(first ?? {}) };
  for (const [key, value] of Object.entries(second)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const baseValue = isJsonObject(base) ? base[key] : undefined;
    const earlier = out[key];
    if (!isJsonObject(value)) out[key] = value;
    else if (Object.hasOwn(out, key) && !isJsonObject(earlier))
      out[key] = replacing(value, baseValue);
    else
      out[key] = composeMergePatches(isJsonObject(earlier) ? earlier : undefined, value, baseValue);
  }
  return out;
}

/** Dotted paths of the keys a patch unsets (its `null` values), in patch order. */
export function unsetPathsOf(patch: JsonObject, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (value === null) paths.push(`${prefix}${key}`);
    else if (isJsonObject(value)) paths.push(...unsetPathsOf(value, `${prefix}${key}.`));
  }
  return paths;
}
