import type { ExtensionGraph } from './build-graph';
import { CASCADES, FAILS, LOADS } from './build-graph';
import { consequence } from './messages';
import type { Problem } from './problem';
import { ProblemCode } from './problem';
import { createLazyProblem } from './problem-factory';

/** For every refused node: the next hop towards its root cause, and how far that is. */
export interface Cascade {
  /** Dependency through which a cascading node was refused; `-1` for root causes. */
  readonly via: Int32Array;
  /** The node whose own problem started the cascade (itself for root causes). */
  readonly root: Int32Array;
  /** Hops to `root`. */
  readonly depth: Int32Array;
}

/** An empty cascade for a graph of `n` nodes. */
export function createCascade(n: number): Cascade {
  return {
    via: new Int32Array(n).fill(-1),
    root: new Int32Array(n).fill(-1),
    depth: new Int32Array(n),
  };
}

/**
 * Refuses every extension that requires a refused one (when dependencies are enforced). One
 * pass over the strongly connected components in Tarjan's order, dependencies first, so each
 * node sees its dependencies' final state and takes the nearest root cause (ties: the first
 * declared dependency). No reverse edge lists are built. Can run again after more roots
 * appear (conflicts); nodes refused earlier keep their first path.
 */
export function propagateFailures(
  graph: ExtensionGraph,
  cascade: Cascade,
  components: readonly (readonly number[])[],
  enforced: boolean,
): void {
  const { status, requires } = graph;
  const { via, root, depth } = cascade;
  for (let v = 0; v < status.length; v++) {
    if (status[v] === FAILS && root[v] === -1) root[v] = v;
  }
  if (!enforced) return;
  for (const members of components) {
    for (const v of members) {
      if (status[v] !== LOADS) continue;
      let best = -1;
      for (const u of requires[v]!) {
        if (status[u] !== LOADS && (best === -1 || depth[u]! < depth[best]!)) best = u;
      }
      if (best === -1) continue;
      status[v] = CASCADES;
      via[v] = best;
      root[v] = root[best]!;
      depth[v] = depth[best]! + 1;
    }
  }
}

/**
 * Adds ZRX_DEP_SKIPPED where a dependency will not load: an error for a refused extension, a
 * warning when it loads anyway (enforcement off) or loses an optional dependency. One problem
 * per extension tells the story of its nearest root cause and names every other refused
 * dependency, so fixing one root cause never hides another, while a 10,000-extension cascade
 * stays one line per extension. Partners on the same cycle are left out: ZRX_CYCLE says it.
 */
export function reportSkippedDependencies(
  graph: ExtensionGraph,
  cascade: Cascade,
  componentOf: Int32Array,
  enforced: boolean,
): void {
  const { status, names } = graph;
  const n = names.length;
  for (let v = 0; v < n; v++) {
    const loads = status[v] === LOADS;
    if (!loads && !enforced) continue;
    const name = names[v]!;
    const failed: number[] = [];
    for (const u of graph.requires[v]!) {
      if (status[u] !== LOADS && componentOf[u] !== componentOf[v]) failed.push(u);
    }
    if (failed.length > 0) {
      const via = cascade.via[v]!;
      const primary = via !== -1 && failed.includes(via) ? via : failed[0]!;
      graph.problems[v]!.push(
        createLazyProblem(
          ProblemCode.DependencySkipped,
          loads ? 'warning' : 'error',
          name,
          () => {
            const others = failed.filter((u) => u !== primary).map((u) => names[u]!);
            const also =
              others.length === 0
                ? ''
                : ` (${name} also needs ${listNames(others)}, which cannot load either.)`;
            return {
              message: `${cannotLoadStory(graph, cascade, primary)} And because ${name} needs ${names[primary]}, ${consequence(name, !loads, 'dependency')}${also}`,
              hint: `${name} can load once ${names[primary]} does; ${rootFix(graph, cascade, primary)}`,
            };
          },
          () => [name, ...pathToRoot(graph, cascade, primary)],
        ),
      );
    }
    if (!loads) continue;
    for (const u of graph.optionals[v]!) {
      if (status[u] === LOADS) continue;
      graph.problems[v]!.push(
        createLazyProblem(
          ProblemCode.DependencySkipped,
          'warning',
          name,
          () => ({
            message: `${cannotLoadStory(graph, cascade, u)} So ${name} loads without its optional dependency ${names[u]}.`,
            hint: `For ${name} to use ${names[u]}: ${rootFix(graph, cascade, u)}`,
          }),
          () => [name, ...pathToRoot(graph, cascade, u)],
        ),
      );
    }
  }
}

const MAX_LISTED = 3;

/** `a`, `a and b`, `a, b, c and 4 more`. */
function listNames(list: readonly string[]): string {
  if (list.length === 1) return list[0]!;
  if (list.length <= MAX_LISTED) return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return `${list.slice(0, MAX_LISTED).join(', ')} and ${list.length - MAX_LISTED} more`;
}

/** The first problem that refused a root cause. */
function rootProblem(graph: ExtensionGraph, root: number): Problem | undefined {
  return graph.problems[root]!.find(
    (problem) => problem.severity === 'error' && problem.code !== ProblemCode.DependencySkipped,
  );
}

/** "fix the root cause first: music's ZRX_DEP_VERSION problem." */
function rootFix(graph: ExtensionGraph, cascade: Cascade, u: number): string {
  const root = cascade.root[u]!;
  const code = rootProblem(graph, root)?.code ?? 'ZRX_*';
  return `fix the root cause first: the ${code} problem of ${graph.names[root]}.`;
}

function pathToRoot(graph: ExtensionGraph, cascade: Cascade, u: number): string[] {
  const path: string[] = [];
  for (let w = u; w !== -1; w = cascade.via[w]!) path.push(graph.names[w]!);
  return path;
}

const MAX_STORY_LINKS = 3;

/**
 * Why `u` cannot load, root cause first: "Because music@2.1.0 needs voice ^3.0.0 and only
 * voice 2.4.1 is present, music cannot load. And because playlists needs music, playlists
 * cannot load." Long cascades are summarised so a message stays short whatever the depth.
 */
function cannotLoadStory(graph: ExtensionGraph, cascade: Cascade, u: number): string {
  const { names } = graph;
  const root = cascade.root[u]!;
  const because =
    rootProblem(graph, root)?.message ?? `Because ${names[root]} cannot load (see its problems).`;
  if (u === root) return because;
  const depth = cascade.depth[u]!;
  if (depth > MAX_STORY_LINKS) {
    const more = depth - 1;
    return `${because} And because ${names[u]} depends on ${names[root]} through ${more} more extension${more === 1 ? '' : 's'} that cannot load, ${names[u]} cannot load.`;
  }
  const path: number[] = [];
  for (let w = u; w !== -1; w = cascade.via[w]!) path.push(w);
  let text = because;
  for (let i = path.length - 2; i >= 0; i--) {
    const dependent = names[path[i]!]!;
    text += ` And because ${dependent} needs ${names[path[i + 1]!]}, ${dependent} cannot load.`;
  }
  return text;
}
