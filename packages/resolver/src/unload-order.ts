import type { ResolutionPlan } from './plan';

const dependentsCache = new WeakMap<ResolutionPlan, Map<string, string[]>>();

/** Who depends directly on each name, from `plan.dependencies`; computed once per plan. */
function directDependents(plan: ResolutionPlan): Map<string, string[]> {
  let index = dependentsCache.get(plan);
  if (index !== undefined) return index;
  index = new Map();
  for (const name of plan.order) {
    for (const dependency of plan.dependencies[name] ?? []) {
      const list = index.get(dependency);
      if (list === undefined) index.set(dependency, [name]);
      else list.push(name);
    }
  }
  dependentsCache.set(plan, index);
  return index;
}

function closure(plan: ResolutionPlan, start: readonly string[]): Set<string> {
  const index = directDependents(plan);
  const seen = new Set<string>(start);
  const queue = [...start];
  for (let head = 0; head < queue.length; head++) {
    for (const dependent of index.get(queue[head]!) ?? []) {
      if (!seen.has(dependent)) {
        seen.add(dependent);
        queue.push(dependent);
      }
    }
  }
  return seen;
}

/**
 * Every extension that depends on `name`, directly or through others, in load order. Use it to
 * reload `name`: unload these (reversed), reload `name`, load these again. Works for names in
 * `plan.order` and for already loaded extensions passed as `loaded`.
 *
 * @example
 * dependentsOf(plan, 'voice'); // ['music', 'playlists']
 */
export function dependentsOf(plan: ResolutionPlan, name: string): string[] {
  const all = closure(plan, [name]);
  all.delete(name);
  return plan.order.filter((candidate) => all.has(candidate));
}

/**
 * The order in which to unload `names`: each of them plus everything that depends on them,
 * dependents first (the reverse of load order). Names that are not in `plan.order` (already
 * loaded before this plan) come last, sorted, since the planned extensions may depend on them.
 *
 * @example
 * unloadOrder(plan, ['voice']); // ['playlists', 'music', 'voice']
 */
export function unloadOrder(plan: ResolutionPlan, names: readonly string[]): string[] {
  const all = closure(plan, names);
  const planned = new Set(plan.order);
  const result = plan.order.filter((name) => all.has(name)).reverse();
  const outside = [...all].filter((name) => !planned.has(name)).sort();
  return result.concat(outside);
}
