import type { ExtensionGraph } from './build-graph';
import { LOADS } from './build-graph';
import { stronglyConnected } from './strongly-connected';

/**
 * Groups the extensions that load into levels: each level needs only earlier levels. Members
 * of a cycle (possible only with dependency enforcement off) share one level, in name order.
 * Within a level, names are sorted, so the plan never depends on input order.
 */
export function computeLevels(graph: ExtensionGraph): number[][] {
  const { status, manifests, edges } = graph;
  const n = status.length;
  const included = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (status[v] === LOADS && manifests[v] !== undefined) included[v] = 1;
  }
  const { componentOf, components } = stronglyConnected(edges, included);
  const levelOf = new Int32Array(components.length);
  let deepest = -1;
  for (let c = 0; c < components.length; c++) {
    let level = 0;
    for (const v of components[c]!) {
      for (const w of edges[v]!) {
        const other = componentOf[w]!;
        if (other === -1 || other === c) continue;
        const candidate = levelOf[other]! + 1;
        if (candidate > level) level = candidate;
      }
    }
    levelOf[c] = level;
    if (level > deepest) deepest = level;
  }
  const levels: number[][] = [];
  for (let l = 0; l <= deepest; l++) levels.push([]);
  for (let v = 0; v < n; v++) {
    const c = componentOf[v]!;
    if (c !== -1) levels[levelOf[c]!]!.push(v);
  }
  return levels;
}
