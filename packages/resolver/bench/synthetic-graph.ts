import type { ExtensionManifest } from '../src/index';

/** Options of {@link syntheticManifests}. */
export interface SyntheticOptions {
  readonly extensions: number;
  readonly dependenciesEach: number;
  /** Extensions given one problem each: a missing dependency, a wrong range, a cycle edge, a conflict. */
  readonly brokenEach: number;
  /**
   * Where the broken extensions sit, as a fraction of the graph counted from its top (the
   * extensions nothing depends on): 0.1 puts them among the last tenth, 1 anywhere.
   */
  readonly brokenRegion: number;
  readonly seed: number;
}

const RANGES = ['^1.0.0', '>=1.0.0 <2.0.0', '1.x', '~1.2.0', '*', '^1.2.0 || ^2.0.0'];

/** A deterministic pseudo-random generator (mulberry32), so every run measures the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A dependency DAG of `extensions` manifests, each requiring `dependenciesEach` earlier ones,
 * plus `brokenEach` missing dependencies, out-of-range ranges, cycle-closing edges and
 * conflicts at random places; returned shuffled.
 */
export function syntheticManifests(options: SyntheticOptions): ExtensionManifest[] {
  const next = random(options.seed);
  const pick = (below: number): number => Math.floor(next() * below);
  const name = (i: number): string => `ext-${i.toString().padStart(5, '0')}`;
  const manifests: {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    conflicts?: Record<string, string>;
  }[] = [];
  for (let i = 0; i < options.extensions; i++) {
    const dependencies: Record<string, string> = {};
    const want = Math.min(options.dependenciesEach, i);
    while (Object.keys(dependencies).length < want) {
      dependencies[name(pick(i))] = RANGES[pick(RANGES.length)]!;
    }
    manifests.push({ name: name(i), version: `1.2.${i % 50}`, dependencies });
  }
  const region = Math.max(1, Math.floor(manifests.length * options.brokenRegion));
  const at = (): (typeof manifests)[number] => manifests[manifests.length - 1 - pick(region)]!;
  for (let k = 0; k < options.brokenEach; k++) {
    at().dependencies[`missing-${k}`] = '^1.0.0';
    at().dependencies[name(pick(manifests.length))] = '^9.0.0';
    // The later extension may already (transitively) need the earlier: this can close a cycle.
    const high = manifests.length - 1 - pick(region);
    const low = high - 1 - pick(Math.min(high, 50));
    if (low >= 0) manifests[low]!.dependencies[name(high)] = '*';
    at().conflicts = { [name(pick(manifests.length))]: '*' };
  }
  for (let i = manifests.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [manifests[i], manifests[j]] = [manifests[j]!, manifests[i]!];
  }
  return manifests;
}

/** Counts dependency edges, to report the graph size honestly. */
export function countEdges(manifests: readonly ExtensionManifest[]): number {
  let edges = 0;
  for (const manifest of manifests) edges += Object.keys(manifest.dependencies ?? {}).length;
  return edges;
}
