import type { Command } from '@sapphire/framework';
import { type CommandPlan, type CommandSpec, planCommands, routeKey } from '@zoryx/slash-limit';
import type { ZoryxConfig } from '../config/schema.js';
import { collectRegistrations } from './collect-registrations.js';
import type { FoldedEntry } from './folded-root.js';

/** Everything needed to register and route the current command set. */
export interface CommandTable {
  plan: CommandPlan;
  /** Specs by route key (the registered name for chat-input commands). */
  specs: ReadonlyMap<string, CommandSpec>;
  /** Route key → name of the piece that handles it. */
  handlers: ReadonlyMap<string, string>;
  /** Root name → the original commands folded under it. */
  roots: ReadonlyMap<string, FoldedEntry[]>;
}

/** Planning hints a command class may set in its options: `{ zoryx: { category, priority, pinned } }`. */
export interface CommandPlanningHints {
  category?: string;
  priority?: number;
  pinned?: boolean;
  ownerOnly?: boolean;
}

/** The planning hints of a command piece (its `zoryx` option). */
export function hintsOf(command: Command): CommandPlanningHints {
  const hints = (command.options as { zoryx?: CommandPlanningHints }).zoryx;
  return hints ?? {};
}

/**
 * Collects the registration JSON of every command, applies the config's per-command overrides
 * (disabled, pinned, priority) and the commands' categories, and fits them into Discord's limits
 * with `@zoryx/slash-limit`'s `planCommands`.
 */
export async function buildCommandTable(
  commands: Iterable<Command>,
  config: ZoryxConfig,
  categoryOf: (command: Command) => string | undefined,
): Promise<CommandTable> {
  const specs = new Map<string, CommandSpec>();
  const handlers = new Map<string, string>();
  for (const command of commands) {
    const override = config.commands[command.name];
    if (override?.enabled === false) continue;
    const hints = hintsOf(command);
    for (const { data } of await collectRegistrations(command)) {
      const spec: CommandSpec = { ...data };
      const category = hints.category ?? categoryOf(command);
      if (category !== undefined) spec.category = category;
      const priority = override?.priority ?? hints.priority;
      if (priority !== undefined) spec.priority = priority;
      const pinned = override?.pinned ?? hints.pinned;
      if (pinned !== undefined) spec.pinned = pinned;
      const key = routeKey(spec);
      specs.set(key, spec);
      handlers.set(key, command.name);
    }
  }
  const plan = planCommands([...specs.values()], {
    maxTopLevel: config.slashLimit.maxTopLevel,
    warningThreshold: Math.min(config.slashLimit.warningThreshold, config.slashLimit.safeLimit),
    safeLimit: Math.min(config.slashLimit.safeLimit, config.slashLimit.maxTopLevel),
    fold: config.slashLimit.fold,
    prefixFallback: config.slashLimit.prefixFallback,
  });
  const roots = new Map<string, FoldedEntry[]>();
  for (const [key, route] of Object.entries(plan.routes)) {
    if (route.kind !== 'folded') continue;
    const command = handlers.get(key);
    if (command === undefined) continue;
    const entry: FoldedEntry = { command };
    if ('group' in route) entry.group = route.group;
    if ('subcommand' in route) entry.subcommand = route.subcommand;
    const list = roots.get(route.root) ?? [];
    list.push(entry);
    roots.set(route.root, list);
  }
  return { plan, specs, handlers, roots };
}
