/** The result of {@link normaliseExtensionName}. */
export interface NormalisedName {
  /** The name as the host uses it. */
  name: string;
  /** True when it differs from the input (the host warns). */
  changed: boolean;
  /** True when the result is a valid extension name (`[a-z0-9-_]+`, as the resolver requires). */
  valid: boolean;
}

const VALID_NAME = /^[a-z0-9_-]+$/;

/**
 * Normalises an extension name the way `@zoryx/resolver` does: trims, and turns runs of
 * whitespace into `-` (`'leveling system'` → `'leveling-system'`). Other characters (capitals
 * included) are left for validation to reject, so two different names never silently collide.
 */
export function normaliseExtensionName(raw: string): NormalisedName {
  const name = raw.trim().replace(/\s+/g, '-');
  return { name, changed: name !== raw, valid: VALID_NAME.test(name) };
}
