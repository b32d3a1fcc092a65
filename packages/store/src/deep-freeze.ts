/**
 * Freezes a parsed JSON value and everything in it. Cached values are shared by every reader,
 * so a reader mutating one would silently change what the next reader gets; frozen, such a
 * mutation throws at the line that does it instead.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
