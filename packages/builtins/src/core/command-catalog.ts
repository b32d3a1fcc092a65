import type { Command } from '@sapphire/framework';
import { type AccessLevel, commandMeta, type ZoryxClient } from '@zoryx/framework';
import { isDispatcher } from '@zoryx/framework/internals';

/**
 * How a command is reached: registered as its own slash command, folded under a category root
 * (`/core stats`), prefix-only (over the slash limit, or a message-only command), or not at all.
 */
export type CommandReach = 'slash' | 'folded' | 'prefix-only' | 'unavailable';

/** One command as `help` shows it. */
export interface CatalogEntry {
  name: string;
  description: string;
  detail: string | undefined;
  /** The extension that brought it (`framework` for pieces nobody owns). */
  category: string;
  reach: CommandReach;
  /** `/help`, `/core stats`, or `undefined` when it has no slash form. */
  slashPath: string | undefined;
  /** Why it is prefix-only or unavailable. */
  reason: string | undefined;
  access: AccessLevel;
  /** `name <required> [optional]`. */
  usage: string;
}

/** Short markers of the reach, used in listings. */
export const REACH_LABEL: Readonly<Record<CommandReach, string>> = {
  slash: 'slash',
  folded: 'folded',
  'prefix-only': 'prefix-only',
  unavailable: 'unavailable',
};

function accessOf(bot: ZoryxClient, command: Command): AccessLevel {
  const meta = commandMeta(command);
  if (meta) return meta.access;
  const owner = bot.config.commands[command.name]?.ownerOnly;
  const hinted = (command.options as { zoryx?: { ownerOnly?: boolean } }).zoryx?.ownerOnly;
  if (owner ?? hinted) return 'owner';
  return command.options.requiredUserPermissions === undefined ? 'everyone' : 'admin';
}

function usageOf(command: Command, slashOptions: readonly { name: string; required?: boolean }[]) {
  const meta = commandMeta(command);
  if (meta) return meta.usage;
  const parts = slashOptions.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [command.name, ...parts].join(' ');
}

/**
 * Every command of the bot (category roots excluded, they only dispatch), with how it is reached
 * according to the framework's current command plan. Sorted by category, then name.
 */
export function commandCatalog(bot: ZoryxClient): CatalogEntry[] {
  const table = bot.commandService.table;
  const keyOf = new Map<string, string>();
  for (const [key, piece] of table?.handlers ?? []) {
    if (!key.includes(':') && !keyOf.has(piece)) keyOf.set(piece, key);
  }
  const entries: CatalogEntry[] = [];
  for (const command of bot.stores.get('commands').values()) {
    if (isDispatcher(command)) continue;
    if (bot.config.commands[command.name]?.enabled === false) continue;
    const key = keyOf.get(command.name);
    const spec = key === undefined ? undefined : table?.specs.get(key);
    const route = key === undefined ? undefined : table?.plan.routes[key];
    let reach: CommandReach = 'prefix-only';
    let slashPath: string | undefined;
    let reason: string | undefined = 'message command without a slash form';
    if (route?.kind === 'top-level') {
      reach = 'slash';
      slashPath = `/${key}`;
      reason = undefined;
    } else if (route?.kind === 'folded') {
      reach = 'folded';
      slashPath = [
        `/${route.root}`,
        'group' in route ? route.group : undefined,
        'subcommand' in route ? route.subcommand : undefined,
      ]
        .filter((part) => part !== undefined)
        .join(' ');
      reason = undefined;
    } else if (route?.kind === 'prefix-only') {
      reason = route.reason;
    } else if (route?.kind === 'excluded') {
      reach = 'unavailable';
      reason = route.reason;
    } else if (key !== undefined && !table) {
      reason = 'commands are not planned yet';
    }
    const options =
      spec && 'options' in spec && Array.isArray(spec.options)
        ? (spec.options as { name: string; required?: boolean }[])
        : [];
    entries.push({
      name: command.name,
      description:
        command.description || (spec && 'description' in spec ? String(spec.description) : ''),
      detail: command.detailedDescription ? String(command.detailedDescription) : undefined,
      category: bot.ownerOfCommand(command) ?? 'framework',
      reach,
      slashPath,
      reason,
      access: accessOf(bot, command),
      usage: usageOf(command, options),
    });
  }
  return entries.sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
  );
}
