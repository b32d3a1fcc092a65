import { describeValue } from './extension-name';
import { missingDependency, wrongVersion } from './messages';
import { pickManifest } from './pick-manifest';
import type { Problem } from './problem';
import { ProblemCode } from './problem';
import { createProblem } from './problem-factory';
import { satisfies } from './semver-cache';
import type { ManifestValidation, ValidManifest } from './validate-manifest';
import { validateManifest } from './validate-manifest';

const NO_IDS: readonly number[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);

/** Node status: loads, refused for a reason of its own, or refused because a dependency is. */
export const LOADS = 0;
export const FAILS = 1;
export const CASCADES = 2;

/**
 * The extensions as a graph. Node ids are positions in `names`, which is sorted, so every
 * loop over ids visits extensions in name order and the result cannot depend on input order.
 */
export interface ExtensionGraph {
  readonly names: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** `undefined` when every manifest of that name is invalid. */
  readonly manifests: readonly (ValidManifest | undefined)[];
  /** Required dependencies that are present (in range or not). */
  readonly requires: readonly (readonly number[])[];
  /** Optional dependencies that are present (in range or not). */
  readonly optionals: readonly (readonly number[])[];
  /** `requires[v]` followed by `optionals[v]`: every "loads after" edge. */
  readonly edges: readonly (readonly number[])[];
  /** Names of already loaded extensions each node depends on. */
  readonly loadedDependencies: readonly (readonly string[])[];
  readonly loaded: ReadonlyMap<string, ValidManifest>;
  /** Problems per node, in the order they were found. */
  readonly problems: readonly Problem[][];
  /** Problems about input without a usable name (`manifests[3]`, `loaded[0]`). */
  readonly unnamed: Problem[];
  /** {@link LOADS}, {@link FAILS} or {@link CASCADES} per node. */
  readonly status: Uint8Array;
}

/** Validates the input, picks one manifest per name and checks every dependency. */
export function buildGraph(
  input: unknown,
  loadedInput: unknown,
  enforceDependencies: boolean,
): ExtensionGraph {
  const unnamed: Problem[] = [];
  const byName = new Map<string, ManifestValidation[]>();
  const list = asList(input, 'manifests', unnamed, false);
  for (let index = 0; index < list.length; index++) {
    const validation = validateManifest(list[index], `manifests[${index}]`);
    if (validation.name === undefined) {
      unnamed.push(...validation.problems);
      continue;
    }
    const group = byName.get(validation.name);
    if (group === undefined) byName.set(validation.name, [validation]);
    else group.push(validation);
  }
  const loaded = readLoaded(loadedInput, unnamed);

  const names = [...byName.keys()].sort();
  const n = names.length;
  const ids = new Map<string, number>();
  for (let id = 0; id < n; id++) ids.set(names[id]!, id);
  const manifests: (ValidManifest | undefined)[] = new Array(n);
  const problems: Problem[][] = new Array(n);
  const status = new Uint8Array(n);
  for (let id = 0; id < n; id++) {
    const name = names[id]!;
    const picked = pickManifest(name, byName.get(name)!, loaded.get(name));
    manifests[id] = picked.manifest;
    problems[id] = picked.problems;
    if (picked.refused) status[id] = FAILS;
  }

  const requires: (readonly number[])[] = new Array(n);
  const optionals: (readonly number[])[] = new Array(n);
  const edges: (readonly number[])[] = new Array(n);
  const loadedDependencies: (readonly string[])[] = new Array(n);
  const anyLoaded = loaded.size > 0;
  for (let id = 0; id < n; id++) {
    const manifest = manifests[id];
    const required: number[] = [];
    // Most extensions have no optional or already loaded dependency: share one empty list.
    let optional: number[] | undefined;
    let fromLoaded: string[] | undefined;
    requires[id] = required;
    optionals[id] = NO_IDS;
    loadedDependencies[id] = NO_NAMES;
    edges[id] = required;
    if (manifest === undefined) continue;
    const list = problems[id]!;
    for (const spec of manifest.dependencies) {
      const running = anyLoaded ? loaded.get(spec.name) : undefined;
      const target = running === undefined ? ids.get(spec.name) : undefined;
      const present = running ?? (target === undefined ? undefined : manifests[target]);
      if (present === undefined && target === undefined) {
        if (!spec.optional) {
          const text = missingDependency(manifest, spec, enforceDependencies);
          list.push(
            dependencyProblem(ProblemCode.DependencyMissing, manifest, text, enforceDependencies),
          );
          if (enforceDependencies) status[id] = FAILS;
        }
        continue;
      }
      if (present !== undefined && !satisfies(present.version, spec.range)) {
        const text = wrongVersion(
          manifest,
          spec,
          present,
          running !== undefined,
          enforceDependencies,
        );
        list.push(
          dependencyProblem(ProblemCode.DependencyVersion, manifest, text, enforceDependencies),
        );
        if (enforceDependencies) status[id] = FAILS;
      }
      if (running !== undefined) {
        if (fromLoaded === undefined) loadedDependencies[id] = fromLoaded = [];
        fromLoaded.push(spec.name);
      } else if (spec.optional) {
        if (optional === undefined) optionals[id] = optional = [];
        optional.push(target!);
      } else {
        required.push(target!);
      }
    }
    if (optional !== undefined) edges[id] = required.concat(optional);
  }
  return {
    names,
    ids,
    manifests,
    requires,
    optionals,
    edges,
    loadedDependencies,
    loaded,
    problems,
    unnamed,
    status,
  };
}

function dependencyProblem(
  code: typeof ProblemCode.DependencyMissing | typeof ProblemCode.DependencyVersion,
  manifest: ValidManifest,
  text: { message: string; hint: string },
  enforced: boolean,
): Problem {
  return createProblem(
    code,
    enforced ? 'error' : 'warning',
    manifest.name,
    text.message,
    text.hint,
  );
}

function asList(
  value: unknown,
  what: string,
  problems: Problem[],
  optional: boolean,
): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined && optional) return [];
  problems.push(
    createProblem(
      ProblemCode.ManifestInvalid,
      'error',
      what,
      `Expected ${what} to be an array of extension manifests, got ${describeValue(value)}; nothing from it can load.`,
      `Pass an array such as [{ "name": "music", "version": "1.0.0" }].`,
    ),
  );
  return [];
}

/** Already running extensions: invalid ones are reported as warnings and otherwise ignored. */
function readLoaded(value: unknown, unnamed: Problem[]): Map<string, ValidManifest> {
  const loaded = new Map<string, ValidManifest>();
  for (const [index, item] of asList(value, 'loaded', unnamed, true).entries()) {
    const validation = validateManifest(item, `loaded[${index}]`);
    for (const problem of validation.problems) {
      unnamed.push(
        problem.severity === 'warning'
          ? problem
          : {
              ...problem,
              severity: 'warning',
              message: `${problem.message} (loaded[${index}] is ignored.)`,
            },
      );
    }
    const manifest = validation.manifest;
    if (manifest === undefined) continue;
    const previous = loaded.get(manifest.name);
    if (previous === undefined || previous.version.compare(manifest.version) < 0) {
      loaded.set(manifest.name, manifest);
    }
  }
  return loaded;
}
