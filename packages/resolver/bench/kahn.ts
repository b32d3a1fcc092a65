import type { ExtensionManifest } from '../src/index';

/**
 * The peer: a plain Kahn topological sort over the same manifests — names to indices,
 * in-degrees, a queue. No validation, no versions, no explanations; missing names are
 * ignored and cycle members are simply left out.
 */
export function kahnOrder(manifests: readonly ExtensionManifest[]): string[] {
  const index = new Map<string, number>();
  manifests.forEach((manifest, i) => {
    index.set(manifest.name, i);
  });
  const dependents: number[][] = manifests.map(() => []);
  const inDegree = new Int32Array(manifests.length);
  manifests.forEach((manifest, i) => {
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      const j = index.get(dependency);
      if (j === undefined) continue;
      dependents[j]!.push(i);
      inDegree[i]!++;
    }
  });
  const queue: number[] = [];
  for (let i = 0; i < manifests.length; i++) if (inDegree[i] === 0) queue.push(i);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    order.push(manifests[i]!.name);
    for (const j of dependents[i]!) if (--inDegree[j]! === 0) queue.push(j);
  }
  return order;
}
