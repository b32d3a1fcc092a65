import type { ExtensionGraph } from './build-graph';
import { FAILS } from './build-graph';
import { coverWithCycles } from './cycle-cover';
import type { CycleView } from './messages';
import { cycle } from './messages';
import { ProblemCode } from './problem';
import { createLazyProblem } from './problem-factory';
import type { Components } from './strongly-connected';
import { stronglyConnected } from './strongly-connected';

/**
 * Finds every dependency cycle and reports each extension on one (ZRX_CYCLE), with a closed
 * chain that starts at that extension. Every node of every strongly connected component is
 * covered by at least one reported cycle.
 *
 * @returns the components, so later steps can tell cycle partners apart and walk the graph
 *          dependencies first.
 */
export function reportCycles(graph: ExtensionGraph, enforced: boolean): Components {
  const n = graph.names.length;
  const included = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (graph.manifests[v] !== undefined) included[v] = 1;
  const { componentOf, components } = stronglyConnected(graph.edges, included);
  for (const members of components) {
    const first = members[0]!;
    if (members.length === 1 && !graph.edges[first]!.includes(first)) continue;
    const { cycles, cycleOf } = coverWithCycles(members, graph.edges, componentOf);
    // Where each member sits on its cycle, so its rotated view costs nothing to set up.
    const position = new Map<number, number>();
    cycles.forEach((ids, c) => {
      for (let k = 0; k < ids.length - 1; k++)
        if (cycleOf.get(ids[k]!) === c) position.set(ids[k]!, k);
    });
    for (const v of members) {
      const ids = cycles[cycleOf.get(v)!]!;
      const name = graph.names[v]!;
      // The closed cycle ([a, b, c, a]) rotated to start at v, read in place.
      const start = position.get(v)!;
      const size = ids.length - 1;
      const view: CycleView = {
        length: ids.length,
        at: (k) => graph.names[ids[(start + k) % size]!]!,
      };
      graph.problems[v]!.push(
        createLazyProblem(
          ProblemCode.Cycle,
          enforced ? 'error' : 'warning',
          name,
          () => cycle(name, view, enforced),
          () => Array.from({ length: ids.length }, (_, k) => view.at(k)),
        ),
      );
      if (enforced) graph.status[v] = FAILS;
    }
  }
  return { componentOf, components };
}
