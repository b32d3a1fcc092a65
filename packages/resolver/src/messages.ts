import type { RangeSpec, ValidManifest } from './validate-manifest';

/** Which enforcement toggle decides whether a problem keeps its extension out. */
export type Enforcement = 'dependency' | 'conflict';

/** `music@2.1.0`. */
export function label(manifest: ValidManifest): string {
  return `${manifest.name}@${manifest.versionText}`;
}

/** `voice ^3.0.0`, or just `voice` when any version will do. */
export function requirement(spec: RangeSpec): string {
  const range = spec.rangeText.trim();
  return range === '' || range === '*' || range === 'x' ? spec.name : `${spec.name} ${range}`;
}

/** The end of a causal sentence: "music cannot load." or why it loads anyway. */
export function consequence(name: string, enforced: boolean, kind: Enforcement): string {
  return enforced
    ? `${name} cannot load.`
    : `${name} would not load, but loads anyway because ${kind} enforcement is off.`;
}

/** ZRX_DEP_MISSING. */
export function missingDependency(
  manifest: ValidManifest,
  spec: RangeSpec,
  enforced: boolean,
): { message: string; hint: string } {
  return {
    message: `Because ${label(manifest)} needs ${requirement(spec)} and no extension named ${spec.name} is present or loaded, ${consequence(manifest.name, enforced, 'dependency')}`,
    hint: `Add the extension ${spec.name}${spec.rangeText.trim() === '*' ? '' : ` (a version matching ${spec.rangeText})`}, or, if ${manifest.name} can run without it, move it from "dependencies" to "optionalDependencies".`,
  };
}

/** ZRX_DEP_VERSION. */
export function wrongVersion(
  manifest: ValidManifest,
  spec: RangeSpec,
  present: ValidManifest,
  alreadyLoaded: boolean,
  enforced: boolean,
): { message: string; hint: string } {
  const needs = spec.optional
    ? `accepts ${requirement(spec)} as an optional dependency`
    : `needs ${requirement(spec)}`;
  const where = alreadyLoaded ? 'is loaded' : 'is present';
  const message = `Because ${label(manifest)} ${needs} and only ${spec.name} ${present.versionText} ${where}, ${consequence(manifest.name, enforced, 'dependency')}`;
  let hint = `Provide ${spec.name} in a version matching ${spec.rangeText}, or widen the range in the manifest of ${manifest.name} to include ${present.versionText} (e.g. "${spec.rangeText} || ^${present.versionText}").`;
  if (present.version.prerelease.length > 0) {
    hint += ` ${present.versionText} is a prerelease: npm ranges only match prereleases of the same major.minor.patch when the range itself names a prerelease, e.g. "^${present.versionText}".`;
  }
  return { message, hint };
}

/** ZRX_CONFLICT, declared by `declarer` against `other`. */
export function conflict(
  declarer: ValidManifest,
  spec: RangeSpec,
  other: ValidManifest,
  newcomer: ValidManifest,
  otherLoaded: boolean,
  enforced: boolean,
): { message: string; hint: string } {
  const against = spec.rangeText.trim() === '*' ? `${spec.name} (any version)` : requirement(spec);
  const status = otherLoaded ? 'is already loaded' : 'is present';
  const subject =
    declarer === newcomer
      ? `${label(declarer)} conflicts with ${against} and ${label(other)} ${status}`
      : `the loaded ${label(declarer)} conflicts with ${against}`;
  return {
    message: `Because ${subject}, ${consequence(newcomer.name, enforced, 'conflict')}`,
    hint: otherLoaded
      ? `Unload ${other.name} before loading ${newcomer.name}, or remove "${spec.name}" from the conflicts of ${declarer.name} if they can run together.`
      : `Keep only one of ${declarer.name} and ${other.name}, or remove "${spec.name}" from the conflicts of ${declarer.name} if they can run together (or resolve with enforceConflicts: false).`,
  };
}

const MAX_CYCLE_SHOWN = 8;

/**
 * A closed cycle read by position (`at(0)` … `at(length - 1)`, the last equal to the first), so a
 * message about a 10,000-member cycle never copies it.
 */
export interface CycleView {
  readonly length: number;
  at(index: number): string;
}

/** `a → b → c → a`, shortened in the middle for long cycles. */
export function cyclePath(chain: CycleView): string {
  const shown = chain.length <= MAX_CYCLE_SHOWN ? chain.length : MAX_CYCLE_SHOWN - 2;
  const parts: string[] = [];
  for (let i = 0; i < shown; i++) parts.push(chain.at(i));
  if (shown === chain.length) return parts.join(' → ');
  const more = chain.length - MAX_CYCLE_SHOWN;
  return `${parts.join(' → ')} → … (${more} more) → ${chain.at(chain.length - 2)} → ${chain.at(chain.length - 1)}`;
}

/** ZRX_CYCLE for one member; `chain` is closed and starts at `name`. */
export function cycle(
  name: string,
  chain: CycleView,
  enforced: boolean,
): { message: string; hint: string } {
  let because: string;
  if (chain.length === 2) {
    because = `${name} needs itself`;
  } else if (chain.length <= MAX_CYCLE_SHOWN) {
    const links: string[] = [];
    for (let i = 0; i < chain.length - 1; i++)
      links.push(`${chain.at(i)} needs ${chain.at(i + 1)}`);
    because = `${links.slice(0, -1).join(', ')} and ${links.at(-1)}`;
  } else {
    because = `${name} sits on a cycle of ${chain.length - 1} extensions that need each other`;
  }
  const last = chain.at(chain.length - 2);
  const first = chain.at(0);
  return {
    message: `Because ${because} (cycle: ${cyclePath(chain)}), ${consequence(name, enforced, 'dependency')}`,
    hint:
      chain.length === 2
        ? `Remove "${name}" from its own dependencies.`
        : `Break the cycle: remove one of its dependencies (for example "${first}" from the manifest of ${last}), or move what they share into a new extension that both depend on.`,
  };
}
