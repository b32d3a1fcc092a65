/** Strongly connected components of a directed graph given as adjacency lists. */
export interface Components {
  /** Component index of each node, `-1` for nodes left out. */
  readonly componentOf: Int32Array;
  /**
   * Members of each component (ascending ids). Components come in Tarjan's emission order:
   * a component appears after every component it has an edge to, so with edges pointing
   * from dependent to dependency, dependencies come first.
   */
  readonly components: readonly (readonly number[])[];
}

/**
 * Tarjan's algorithm, iterative so that a 10,000-deep dependency chain cannot overflow the
 * call stack. O(V + E). Nodes with `included[v] === 0` and edges to them are ignored.
 */
export function stronglyConnected(
  edges: readonly (readonly number[])[],
  included: Uint8Array,
): Components {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  let sp = 0;
  let counter = 0;

  for (let start = 0; start < n; start++) {
    if (included[start] === 0 || index[start] !== -1) continue;
    let depth = 0;
    callNode[0] = start;
    callEdge[0] = 0;
    index[start] = low[start] = counter++;
    stack[sp++] = start;
    onStack[start] = 1;
    depth = 1;
    while (depth > 0) {
      const v = callNode[depth - 1]!;
      const out = edges[v]!;
      const i = callEdge[depth - 1]!;
      if (i < out.length) {
        callEdge[depth - 1] = i + 1;
        const w = out[i]!;
        if (included[w] === 0) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[depth] = w;
          callEdge[depth] = 0;
          depth++;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      depth--;
      if (low[v] === index[v]) {
        const members: number[] = [];
        const id = components.length;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = id;
          members.push(w);
        } while (w !== v);
        if (members.length > 1) members.sort((a, b) => a - b);
        components.push(members);
      }
      if (depth > 0) {
        const parent = callNode[depth - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { componentOf, components };
}
