import { type ExtensionManifest, type Problem, ProblemCode, resolve } from '@zoryx/resolver';

/** State of one declared dependency against what is loaded. */
export type DependencyState = 'ok' | 'missing' | 'out-of-range' | 'absent (optional)';

/** One declared dependency of an extension. */
export interface DependencyReport {
  readonly name: string;
  readonly range: string;
  readonly optional: boolean;
  readonly state: DependencyState;
  /** Version loaded now, or `null`. */
  readonly found: string | null;
}

/** One declared conflict: `active` when a matching version is loaded now. */
export interface ConflictReport {
  readonly name: string;
  readonly range: string;
  readonly active: boolean;
  readonly found: string | null;
}

/** What `pr_info` says about an extension's relations. */
export interface RelationsReport {
  readonly dependencies: readonly DependencyReport[];
  readonly conflicts: readonly ConflictReport[];
  /** Closed dependency cycles through the extension, e.g. `['a', 'b', 'a']`. */
  readonly cycles: readonly (readonly string[])[];
  /** Extensions (loaded) that declare a conflict with this one. */
  readonly conflictedBy: readonly string[];
}

function problemsOf(manifest: ExtensionManifest, loaded: readonly ExtensionManifest[]): Problem[] {
  const others = loaded.filter((m) => m.name !== manifest.name);
  return resolve([manifest], { loaded: others }).problems.filter(
    (p) => p.extension === manifest.name,
  );
}

/**
 * Checks each dependency and conflict of `subject` on its own against the loaded extensions, by
 * asking the resolver about a manifest with just that one edge: the resolver's problems name the
 * extension, not the edge, so one question per edge gives a per-edge answer with the resolver's
 * semver rules (never a second, drifting implementation of them).
 */
export function relationsOf(
  subject: ExtensionManifest,
  loaded: readonly ExtensionManifest[],
  known: readonly ExtensionManifest[] = loaded,
): RelationsReport {
  const versionOf = new Map(loaded.map((m) => [m.name, m.version]));
  const base = { name: subject.name, version: subject.version };
  const dependencies: DependencyReport[] = [];
  const edges: [Record<string, string> | undefined, boolean][] = [
    [subject.dependencies, false],
    [subject.optionalDependencies, true],
  ];
  for (const [declared, optional] of edges) {
    for (const [name, range] of Object.entries(declared ?? {})) {
      const key = optional ? 'optionalDependencies' : 'dependencies';
      const codes = problemsOf({ ...base, [key]: { [name]: range } }, loaded).map((p) => p.code);
      const found = versionOf.get(name) ?? null;
      let state: DependencyState = 'ok';
      if (codes.includes(ProblemCode.DependencyVersion)) state = 'out-of-range';
      else if (codes.includes(ProblemCode.DependencyMissing)) state = 'missing';
      else if (found === null) state = optional ? 'absent (optional)' : 'missing';
      dependencies.push({ name, range, optional, state, found });
    }
  }
  // Loaded extensions without their own conflicts, so only the subject's declaration is judged.
  const plain = loaded.map((m) => ({ name: m.name, version: m.version }));
  const conflicts = Object.entries(subject.conflicts ?? {}).map(([name, range]) => {
    const codes = problemsOf({ ...base, conflicts: { [name]: range } }, plain).map((p) => p.code);
    return {
      name,
      range,
      active: codes.includes(ProblemCode.Conflict),
      found: versionOf.get(name) ?? null,
    };
  });
  const conflictedBy = loaded
    .filter((m) => m.name !== subject.name && m.conflicts?.[subject.name] !== undefined)
    .filter(
      (m) =>
        problemsOf({ name: m.name, version: m.version, conflicts: m.conflicts ?? {} }, [base])
          .length > 0,
    )
    .map((m) => m.name);
  const everything = [...known.filter((m) => m.name !== subject.name), subject];
  const cycles = resolve(everything)
    .problems.filter((p) => p.code === ProblemCode.Cycle && p.extension === subject.name)
    .map((p) => p.chain ?? []);
  return { dependencies, conflicts, cycles, conflictedBy };
}

/** The resolver's explanation for one extension against the others, with enforcement as set. */
export function explainExtension(
  subject: ExtensionManifest,
  others: readonly ExtensionManifest[],
  enforcement: { dependencies?: boolean; conflicts?: boolean },
): { readonly ok: boolean; readonly problems: readonly Problem[]; readonly explanation: string } {
  const plan = resolve([...others.filter((m) => m.name !== subject.name), subject], {
    enforceDependencies: enforcement.dependencies !== false,
    enforceConflicts: enforcement.conflicts !== false,
  });
  const problems = plan.problems.filter((p) => p.extension === subject.name);
  return {
    ok: plan.order.includes(subject.name),
    problems,
    explanation: plan.explain(),
  };
}
