/**
 * Closed cycles that together visit every member of one strongly connected component.
 *
 * For the smallest member `r`, one BFS gives shortest paths `r → v` and one BFS over reversed
 * edges gives shortest paths `v → r`. For each member `v` not yet covered, the closed walk
 * `v → … → r → … → v` is loop-erased into a simple cycle through `v`. Each BFS is O(V + E)
 * of the component and each cycle is at most twice its diameter, so large components stay fast.
 *
 * @returns cycles as closed id paths (`[a, b, c, a]`), and for each member the index of the
 *          first cycle that covers it.
 */
export function coverWithCycles(
  members: readonly number[],
  edges: readonly (readonly number[])[],
  componentOf: Int32Array,
): { cycles: number[][]; cycleOf: Map<number, number> } {
  const cycles: number[][] = [];
  const cycleOf = new Map<number, number>();
  const root = members[0]!;
  const component = componentOf[root]!;
  if (members.length === 1) {
    cycles.push([root, root]);
    cycleOf.set(root, 0);
    return { cycles, cycleOf };
  }
  const inside = (v: number): boolean => componentOf[v] === component;

  // Forward BFS: parent on a shortest path root → v.
  const parent = new Map<number, number>([[root, -1]]);
  const queue: number[] = [root];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of edges[v]!) {
      if (inside(w) && !parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  // Backward BFS over reversed edges: next hop on a shortest path v → root.
  const reverse = new Map<number, number[]>();
  for (const v of members) {
    for (const w of edges[v]!) {
      if (!inside(w)) continue;
      const into = reverse.get(w);
      if (into === undefined) reverse.set(w, [v]);
      else into.push(v);
    }
  }
  const next = new Map<number, number>([[root, -1]]);
  queue.length = 0;
  queue.push(root);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const u of reverse.get(v) ?? []) {
      if (!next.has(u)) {
        next.set(u, v);
        queue.push(u);
      }
    }
  }

  for (const v of members) {
    if (cycleOf.has(v)) continue;
    const walk: number[] = [];
    // v → root
    for (let u = v; u !== -1; u = next.get(u)!) walk.push(u);
    // root → v, skipping root (already in the walk) and ending with v to close the cycle.
    const back: number[] = [];
    for (let u = v; u !== root; u = parent.get(u)!) back.push(u);
    for (let i = back.length - 1; i >= 0; i--) walk.push(back[i]!);
    if (v === root) {
      // root → … → u → root: the shortest way back from root's BFS-nearest successor.
      walk.length = 0;
      const first = edges[root]!.find((w) => w !== root && inside(w)) ?? root;
      walk.push(root);
      for (let u = first; u !== -1; u = next.get(u)!) walk.push(u);
    }
    const cycle = eraseLoops(walk);
    const id = cycles.length;
    cycles.push(cycle);
    for (let i = 0; i < cycle.length - 1; i++) {
      if (!cycleOf.has(cycle[i]!)) cycleOf.set(cycle[i]!, id);
    }
  }
  return { cycles, cycleOf };
}

/** Turns a closed walk `[v, …, v]` into a simple closed cycle through `v`. */
function eraseLoops(walk: readonly number[]): number[] {
  const path: number[] = [];
  const position = new Map<number, number>();
  for (let i = 0; i < walk.length - 1; i++) {
    const u = walk[i]!;
    const seen = position.get(u);
    if (seen !== undefined) {
      for (let k = seen + 1; k < path.length; k++) position.delete(path[k]!);
      path.length = seen + 1;
      continue;
    }
    position.set(u, path.length);
    path.push(u);
  }
  path.push(walk[0]!);
  return path;
}
