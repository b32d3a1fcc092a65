import {
  type APIApplicationCommandInteractionDataOption,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import type { CommandPlan, Route } from './plan-types.js';

/** What a slash interaction on a registered command means in terms of the original commands. */
export interface ResolvedInvocation {
  /** The original command's name (its key in `plan.routes`). */
  readonly name: string;
  readonly route: Route;
  /**
   * The options the original command's handler expects: unchanged for a top-level command,
   * the subcommand's options for a folded plain command, and `[subcommand]` for a command that
   * was folded whole as a group.
   */
  readonly options: APIApplicationCommandInteractionDataOption[];
}

const indexes = new WeakMap<CommandPlan, Map<string, string>>();

/** `root/sub`, `root/group/sub` and `root/group` → original name, built once per plan. */
function indexOf(plan: CommandPlan): Map<string, string> {
  let index = indexes.get(plan);
  if (index !== undefined) return index;
  index = new Map();
  for (const [name, route] of Object.entries(plan.routes)) {
    if (route.kind !== 'folded') continue;
    const parts = [route.root];
    if ('group' in route) parts.push(route.group);
    if ('subcommand' in route) parts.push(route.subcommand);
    index.set(parts.join('/'), name);
  }
  indexes.set(plan, index);
  return index;
}

/**
 * Maps a chat-input interaction (its command name and `data.options`) back to the original
 * command and the options that command's handler expects, undoing any folding.
 * Returns `undefined` when the name is neither a registered top-level command of the plan nor a
 * known folded path (e.g. a stale command Discord still shows).
 *
 * @example
 * // plan folded `ban` into `/mod`: the interaction is /mod ban user:…
 * resolveRoute(plan, 'mod', [{ type: 1, name: 'ban', options: [userOption] }]);
 * // { name: 'ban', route: { kind: 'folded', root: 'mod', subcommand: 'ban' }, options: [userOption] }
 */
export function resolveRoute(
  plan: CommandPlan,
  commandName: string,
  options: readonly APIApplicationCommandInteractionDataOption[] = [],
): ResolvedInvocation | undefined {
  const direct = plan.routes[commandName];
  if (direct?.kind === 'top-level')
    return { name: commandName, route: direct, options: [...options] };
  const index = indexOf(plan);
  const [first] = options;
  if (first === undefined) return undefined;
  if (first.type === T.Subcommand) {
    const name = index.get(`${commandName}/${first.name}`);
    return name === undefined ? undefined : found(plan, name, first.options ?? []);
  }
  if (first.type === T.SubcommandGroup) {
    const [sub] = first.options;
    if (sub !== undefined) {
      const bundled = index.get(`${commandName}/${first.name}/${sub.name}`);
      if (bundled !== undefined) return found(plan, bundled, sub.options ?? []);
    }
    const whole = index.get(`${commandName}/${first.name}`);
    return whole === undefined ? undefined : found(plan, whole, first.options);
  }
  return undefined;
}

function found(
  plan: CommandPlan,
  name: string,
  options: readonly APIApplicationCommandInteractionDataOption[],
): ResolvedInvocation {
  return { name, route: plan.routes[name]!, options: [...options] };
}

/**
 * The slash path that reaches an original command (`['mod', 'ban']`), or `undefined` when it is
 * prefix-only or excluded. Useful for help texts: `/${slashPath(plan, 'ban').join(' ')}`.
 */
export function slashPath(plan: CommandPlan, name: string): string[] | undefined {
  const route = plan.routes[name];
  if (route === undefined) return undefined;
  if (route.kind === 'top-level') return [name];
  if (route.kind !== 'folded') return undefined;
  const path = [route.root];
  if ('group' in route) path.push(route.group);
  if ('subcommand' in route) path.push(route.subcommand);
  return path;
}
