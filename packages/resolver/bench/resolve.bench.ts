import { bench, describe } from 'vitest';
import { resolve } from '../src/index';
import { kahnOrder } from './kahn';
import { countEdges, syntheticManifests } from './synthetic-graph';

// 10,000 extensions × 5 dependencies ≈ 50,000 edges, shuffled. Each scenario runs the
// resolver WITH explanations (explain() and every problem's message, hint and chain are
// produced) and the peer, a plain Kahn topological sort over the same manifests, in the
// same run so the machine's load affects both alike.
const scenarios = [
  { title: 'healthy graph', brokenEach: 0, brokenRegion: 1 },
  {
    title: '40 problems among the top tenth (missing, out of range, cycles, conflicts)',
    brokenEach: 10,
    brokenRegion: 0.1,
  },
  {
    title: 'stress: 40 problems anywhere, ~98% of the graph cascades',
    brokenEach: 10,
    brokenRegion: 1,
  },
];

// Enough samples for a stable mean on a shared 2-core machine.
const options = { time: 3_000, warmupIterations: 5 };

function resolveWithExplanations(manifests: Parameters<typeof resolve>[0]): number {
  const plan = resolve(manifests);
  let size = plan.explain().length;
  for (const problem of plan.problems) {
    size += problem.message.length + (problem.hint?.length ?? 0) + (problem.chain?.length ?? 0);
  }
  return size;
}

for (const scenario of scenarios) {
  const manifests = syntheticManifests({
    extensions: 10_000,
    dependenciesEach: 5,
    brokenEach: scenario.brokenEach,
    brokenRegion: scenario.brokenRegion,
    seed: 42,
  });
  describe(`${scenario.title}: ${manifests.length} manifests, ${countEdges(manifests)} edges`, () => {
    bench(
      '@zoryx/resolver: resolve + explain()',
      () => {
        resolveWithExplanations(manifests);
      },
      options,
    );
    bench(
      'peer: plain Kahn topological sort',
      () => {
        kahnOrder(manifests);
      },
      options,
    );
  });
}
