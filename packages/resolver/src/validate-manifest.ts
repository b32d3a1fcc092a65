import { describeValue, EXTENSION_NAME_PATTERN, normalizeExtensionName } from './extension-name';
import type { Problem } from './problem';
import { ProblemCode } from './problem';
import { createProblem } from './problem-factory';
import type { ParsedRange, ParsedVersion } from './semver-cache';
import { parseRange, parseVersion } from './semver-cache';

/** One `name → range` entry of a manifest, parsed. */
export interface RangeSpec {
  readonly name: string;
  readonly rangeText: string;
  readonly range: ParsedRange;
  readonly optional: boolean;
}

/** A manifest that passed validation. */
export interface ValidManifest {
  readonly name: string;
  readonly versionText: string;
  readonly version: ParsedVersion;
  readonly dependencies: readonly RangeSpec[];
  readonly conflicts: readonly RangeSpec[];
  readonly raw: object;
}

/** What validation learnt about one input element. */
export interface ManifestValidation {
  /** The normalised name when it is usable, even if another field is invalid. */
  readonly name: string | undefined;
  readonly manifest: ValidManifest | undefined;
  /** Errors make the manifest unusable; warnings (normalised names) do not. */
  readonly problems: Problem[];
}

type RangeField = 'dependencies' | 'optionalDependencies' | 'conflicts';

const NO_SPECS: readonly RangeSpec[] = Object.freeze([]);

const FIELD_HINTS: Record<RangeField, string> = {
  dependencies: 'required dependency',
  optionalDependencies: 'optional dependency',
  conflicts: 'conflict',
};

/**
 * Validates one element of the input. `source` names its position (`manifests[3]`) for
 * problems about manifests that have no usable name.
 */
export function validateManifest(value: unknown, source: string): ManifestValidation {
  const problems: Problem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      createProblem(
        ProblemCode.ManifestInvalid,
        'error',
        source,
        `The manifest at ${source} is not an object (got ${describeValue(value)}), so it is ignored.`,
        'Each manifest must be an object such as { "name": "music", "version": "1.0.0" }.',
      ),
    );
    return { name: undefined, manifest: undefined, problems };
  }
  const record = value as Record<string, unknown>;
  const normalized = normalizeExtensionName(record.name);
  if (!normalized.ok) {
    const suggestion =
      normalized.suggestion === undefined ? '' : ` such as "${normalized.suggestion}"`;
    problems.push(
      createProblem(
        ProblemCode.ManifestInvalid,
        'error',
        source,
        `The manifest at ${source} has an invalid "name" (${normalized.reason}), so it is ignored.`,
        `Set "name" to a lowercase name made of a-z, 0-9, "-" and "_"${suggestion}.`,
      ),
    );
    return { name: undefined, manifest: undefined, problems };
  }
  const name = normalized.name;
  if (normalized.changed) {
    problems.push(
      createProblem(
        ProblemCode.NameNormalized,
        'warning',
        name,
        `The name ${JSON.stringify(record.name)} contains whitespace; it is used as "${name}".`,
        `Rename the extension to "${name}" in its manifest.`,
      ),
    );
  }
  const invalid = (field: string, why: string, hint: string): void => {
    problems.push(
      createProblem(
        ProblemCode.ManifestInvalid,
        'error',
        name,
        `Because the manifest of ${name} has an invalid ${field} (${why}), ${name} cannot load.`,
        hint,
      ),
    );
  };

  const versionText = record.version;
  let version: ParsedVersion | null = null;
  if (typeof versionText !== 'string') {
    invalid(
      '"version"',
      `expected a semver string, got ${describeValue(versionText)}`,
      `Add "version": "1.0.0" (any semver version) to the manifest of ${name}.`,
    );
  } else {
    version = parseVersion(versionText);
    if (version === null) {
      invalid(
        '"version"',
        `${JSON.stringify(versionText)} is not a semver version`,
        `Use MAJOR.MINOR.PATCH with an optional prerelease, e.g. "1.0.0" or "2.0.0-beta.1".`,
      );
    }
  }

  const dependencies: RangeSpec[] = [];
  // Most manifests declare no conflicts: they share one frozen empty list.
  const conflicts: RangeSpec[] = record.conflicts === undefined ? (NO_SPECS as RangeSpec[]) : [];
  const before = problems.length;
  readRanges(record, 'dependencies', name, dependencies, problems, invalid);
  if (record.optionalDependencies !== undefined) {
    const required = new Set(dependencies.map((spec) => spec.name));
    const optional: RangeSpec[] = [];
    readRanges(record, 'optionalDependencies', name, optional, problems, invalid);
    // A name listed as both required and optional is required: the optional entry adds nothing.
    for (const spec of optional) if (!required.has(spec.name)) dependencies.push(spec);
  }
  readRanges(record, 'conflicts', name, conflicts, problems, invalid);
  let fieldsValid = true;
  for (let i = before; i < problems.length; i++) {
    if (problems[i]!.severity === 'error') fieldsValid = false;
  }

  if (version === null || !fieldsValid || typeof versionText !== 'string') {
    return { name, manifest: undefined, problems };
  }
  return {
    name,
    manifest: { name, versionText: version.version, version, dependencies, conflicts, raw: record },
    problems,
  };
}

function readRanges(
  record: Record<string, unknown>,
  field: RangeField,
  owner: string,
  into: RangeSpec[],
  problems: Problem[],
  invalid: (field: string, why: string, hint: string) => void,
): void {
  const value = record[field];
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(
      `"${field}"`,
      `expected an object of name → semver range, got ${describeValue(value)}`,
      `Write "${field}" as an object, e.g. { "voice": "^2.0.0" }.`,
    );
    return;
  }
  const ranges = value as Record<string, unknown>;
  for (const key of Object.keys(ranges)) {
    const rangeValue = ranges[key];
    // The common case (an already valid key) allocates nothing.
    const depName = EXTENSION_NAME_PATTERN.test(key) ? undefined : normalizeExtensionName(key);
    if (depName !== undefined && !depName.ok) {
      const suggestion =
        depName.suggestion === undefined ? '' : ` (perhaps "${depName.suggestion}")`;
      invalid(
        `${FIELD_HINTS[field]} name ${fieldPath(field, key)}`,
        depName.reason,
        `Use the other extension's exact lowercase name as the key${suggestion}.`,
      );
      continue;
    }
    const depKey = depName?.name ?? key;
    if (depName !== undefined) {
      problems.push(
        createProblem(
          ProblemCode.NameNormalized,
          'warning',
          owner,
          `${owner} refers to ${JSON.stringify(key)} in ${field}; it is read as "${depKey}".`,
          `Write the key as "${depKey}" in the manifest of ${owner}.`,
        ),
      );
    }
    if (field === 'conflicts' && depKey === owner) {
      problems.push(
        createProblem(
          ProblemCode.ManifestInvalid,
          'warning',
          owner,
          `${owner} lists itself in "conflicts"; that entry is ignored.`,
          `Remove "${key}" from the conflicts of ${owner}.`,
        ),
      );
      continue;
    }
    if (typeof rangeValue !== 'string') {
      invalid(
        `range at ${fieldPath(field, key)}`,
        `expected a semver range string, got ${describeValue(rangeValue)}`,
        `Write the range as a string, e.g. "${key}": "^1.0.0" (or "*" for any version).`,
      );
      continue;
    }
    const range = parseRange(rangeValue);
    if (range === null) {
      invalid(
        `range at ${fieldPath(field, key)}`,
        `${JSON.stringify(rangeValue)} is not a semver range`,
        `Use an npm range such as "^1.2.0", "~1.2.0", ">=1.0.0 <3.0.0", "1.x" or "*".`,
      );
      continue;
    }
    into.push({
      name: depKey,
      rangeText: rangeValue,
      range,
      optional: field === 'optionalDependencies',
    });
  }
}

/** `dependencies["voice"]`: where in the manifest a problem is. */
function fieldPath(field: RangeField, key: string): string {
  return `${field}[${JSON.stringify(key)}]`;
}
