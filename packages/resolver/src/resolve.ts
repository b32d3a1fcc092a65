import { buildGraph, LOADS } from './build-graph';
import { createCascade, propagateFailures, reportSkippedDependencies } from './cascade';
import { reportConflicts } from './conflicts';
import { reportCycles } from './cycles';
import { explainPlan } from './explain';
import { computeLevels } from './layering';
import type { ExtensionManifest, ResolutionPlan, ResolveOptions, SkippedExtension } from './plan';
import type { Problem } from './problem';

/**
 * Decides which extensions load, in which order, and explains why the others do not.
 * Never throws on bad input: every defect becomes a coded {@link Problem}, all of them at once.
 *
 * Steps: validate and pick one manifest per name → check every dependency → find cycles →
 * refuse dependents of refused extensions → judge conflicts among the survivors → refuse
 * their dependents → group what is left into levels.
 *
 * @example
 * const plan = resolve([
 *   { name: 'voice', version: '2.4.1' },
 *   { name: 'music', version: '2.1.0', dependencies: { voice: '^2.0.0' } },
 * ]);
 * plan.order; // ['voice', 'music']
 * console.log(plan.explain());
 */
export function resolve(
  manifests: readonly ExtensionManifest[],
  options?: ResolveOptions,
): ResolutionPlan {
  // Plain JavaScript callers may pass anything here; only a real object is read.
  const settings: ResolveOptions = typeof options === 'object' && options !== null ? options : {};
  const enforceDependencies = settings.enforceDependencies !== false;
  const enforceConflicts = settings.enforceConflicts !== false;
  const graph = buildGraph(manifests, settings.loaded, enforceDependencies);
  const { names, status, manifests: chosen } = graph;

  const { componentOf, components } = reportCycles(graph, enforceDependencies);
  const cascade = createCascade(names.length);
  propagateFailures(graph, cascade, components, enforceDependencies);
  reportConflicts(graph, enforceConflicts);
  propagateFailures(graph, cascade, components, enforceDependencies);
  reportSkippedDependencies(graph, cascade, componentOf, enforceDependencies);

  const levels = computeLevels(graph).map((level) => level.map((v) => names[v]!));
  const order = levels.flat();
  const skipped: SkippedExtension[] = [];
  const problems: Problem[] = [...graph.unnamed];
  for (let v = 0; v < names.length; v++) {
    const name = names[v]!;
    const own = graph.problems[v]!;
    for (const problem of own) problems.push(problem);
    if (status[v] !== LOADS || chosen[v] === undefined) {
      skipped.push({ name, problems: own.filter((problem) => problem.severity === 'error') });
    }
  }

  // versions and dependencies are built on first read: most callers only need the order.
  let versions: Record<string, string> | undefined;
  let dependencies: Record<string, readonly string[]> | undefined;
  let explanation: string | undefined;
  const plan: ResolutionPlan = {
    order,
    levels,
    skipped,
    problems,
    get versions() {
      if (versions === undefined) {
        // fromEntries defines own properties, so even an extension named "__proto__" is a key.
        versions = Object.fromEntries(
          order.map((name) => [name, chosen[graph.ids.get(name)!]!.versionText]),
        );
      }
      return versions;
    },
    get dependencies() {
      if (dependencies === undefined) {
        dependencies = Object.fromEntries(
          order.map((name) => {
            const v = graph.ids.get(name)!;
            const loadsAfter: string[] = [];
            for (const w of graph.edges[v]!) if (status[w] === LOADS) loadsAfter.push(names[w]!);
            for (const running of graph.loadedDependencies[v]!) loadsAfter.push(running);
            return [name, loadsAfter];
          }),
        );
      }
      return dependencies;
    },
    explain() {
      explanation ??= explainPlan(plan, (name) => {
        const id = graph.ids.get(name);
        return id === undefined ? undefined : chosen[id]?.versionText;
      });
      return explanation;
    },
  };
  return plan;
}
