import type { ExtensionGraph } from './build-graph';
import { FAILS, LOADS } from './build-graph';
import { conflict } from './messages';
import { ProblemCode } from './problem';
import { createProblem } from './problem-factory';
import { satisfies } from './semver-cache';

/**
 * Reports ZRX_CONFLICT between extensions that would otherwise load. Among newcomers the
 * declaring side is refused (both when both declare); against an already loaded extension
 * the newcomer is refused, whichever side declared. Every pair is judged against the same
 * set of survivors, so the outcome does not depend on which pair is looked at first.
 */
export function reportConflicts(graph: ExtensionGraph, enforced: boolean): void {
  const { names, ids, manifests, status, loaded } = graph;
  const severity = enforced ? 'error' : 'warning';
  const refused: number[] = [];
  const n = names.length;
  for (let v = 0; v < n; v++) {
    const manifest = manifests[v];
    if (status[v] !== LOADS || manifest === undefined) continue;
    for (const spec of manifest.conflicts) {
      const running = loaded.get(spec.name);
      const target = running === undefined ? ids.get(spec.name) : undefined;
      const other =
        running ??
        (target !== undefined && status[target] === LOADS ? manifests[target] : undefined);
      if (other === undefined || !satisfies(other.version, spec.range)) continue;
      const text = conflict(manifest, spec, other, manifest, running !== undefined, enforced);
      graph.problems[v]!.push(
        createProblem(ProblemCode.Conflict, severity, manifest.name, text.message, text.hint),
      );
      refused.push(v);
    }
  }
  for (const name of [...loaded.keys()].sort()) {
    const running = loaded.get(name)!;
    for (const spec of running.conflicts) {
      const target = ids.get(spec.name);
      if (target === undefined || status[target] !== LOADS) continue;
      const newcomer = manifests[target];
      if (newcomer === undefined || !satisfies(newcomer.version, spec.range)) continue;
      const text = conflict(running, spec, running, newcomer, true, enforced);
      graph.problems[target]!.push(
        createProblem(ProblemCode.Conflict, severity, newcomer.name, text.message, text.hint),
      );
      refused.push(target);
    }
  }
  if (enforced) for (const v of refused) status[v] = FAILS;
}
