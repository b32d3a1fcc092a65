import { type AccessLevel, commandMeta, type ZoryxClient } from '@zoryx/framework';

/** One option of a command, as its slash registration declares it. */
export interface CommandOptionInfo {
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly required: boolean;
  readonly choices: readonly string[];
}

/** One command as the assistant describes it. */
export interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly detail: string | undefined;
  /** The extension that brought it (`framework` for pieces nobody owns). */
  readonly extension: string;
  readonly access: AccessLevel;
  /** Discord permissions needed besides `access` (e.g. `BanMembers`). */
  readonly permissions: readonly string[];
  readonly guildOnly: boolean;
  readonly usage: string;
  /** `/name`, `/root sub`, `prefix only (why)`… from the current command plan. */
  readonly reach: string;
  readonly options: readonly CommandOptionInfo[];
}

/** Discord's option type numbers, named. */
const OPTION_TYPES: Readonly<Record<number, string>> = {
  1: 'subcommand',
  2: 'subcommand group',
  3: 'string',
  4: 'integer',
  5: 'boolean',
  6: 'user',
  7: 'channel',
  8: 'role',
  9: 'mentionable',
  10: 'number',
  11: 'attachment',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function optionsOf(spec: unknown): CommandOptionInfo[] {
  if (!isRecord(spec) || !Array.isArray(spec.options)) return [];
  return spec.options.filter(isRecord).map((option) => ({
    name: String(option.name ?? ''),
    description: String(option.description ?? ''),
    type: OPTION_TYPES[Number(option.type)] ?? String(option.type),
    required: option.required === true,
    choices: Array.isArray(option.choices)
      ? option.choices.filter(isRecord).map((choice) => String(choice.name ?? choice.value))
      : [],
  }));
}

function permissionNames(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((p) => (typeof p === 'string' ? p : String(p)));
}

/**
 * Every command of the bot with who may run it and how it is reached, from public sources only:
 * the command store, `commandMeta` (what `defineCommand` recorded), the owner map and the
 * command plan. Category roots of folded commands are left out (they only dispatch).
 */
export function commandCatalog(bot: ZoryxClient): CommandInfo[] {
  const table = bot.commandService.table;
  const roots = new Set<string>();
  for (const route of Object.values(table?.plan.routes ?? {})) {
    if (route.kind === 'folded') roots.add(route.root);
  }
  const out: CommandInfo[] = [];
  for (const command of bot.stores.get('commands').values()) {
    const extension = bot.ownerOfCommand(command);
    if (extension === undefined && roots.has(command.name)) continue;
    if (bot.config.commands[command.name]?.enabled === false) continue;
    const meta = commandMeta(command);
    const ownerOnly = bot.config.commands[command.name]?.ownerOnly;
    const permissions = permissionNames(command.options.requiredUserPermissions);
    const access: AccessLevel =
      ownerOnly === true
        ? 'owner'
        : (meta?.access ?? (permissions.includes('Administrator') ? 'admin' : 'everyone'));
    const route = table?.plan.routes[command.name];
    let reach = 'prefix only (no slash form)';
    if (route?.kind === 'top-level') reach = `/${command.name}`;
    else if (route?.kind === 'folded') {
      const parts = [
        route.root,
        'group' in route ? route.group : '',
        'subcommand' in route ? route.subcommand : '',
      ];
      reach = `/${parts.filter(Boolean).join(' ')}`;
    } else if (route?.kind === 'prefix-only') reach = `prefix only (${route.reason})`;
    else if (route?.kind === 'excluded') reach = `unavailable (${route.reason})`;
    out.push({
      name: command.name,
      description: meta?.description ?? command.description,
      detail:
        meta?.detail ??
        (command.detailedDescription ? String(command.detailedDescription) : undefined),
      extension: extension ?? 'framework',
      access,
      permissions: permissions.filter((p) => p !== 'Administrator'),
      guildOnly: meta?.guildOnly ?? false,
      usage: meta?.usage ?? command.name,
      reach,
      options: optionsOf(table?.specs.get(command.name)),
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Who may run a command, in words. */
export function whoMayRun(info: Pick<CommandInfo, 'access' | 'permissions' | 'guildOnly'>): string {
  const base: Record<AccessLevel, string> = {
    everyone: 'everyone',
    admin: 'members with Administrator (and bot owners)',
    'guild-owner': 'the server owner and bot owners',
    owner: 'bot owners only',
  };
  const extra = info.permissions.length > 0 ? `, needs ${info.permissions.join(', ')}` : '';
  return `${base[info.access]}${extra}${info.guildOnly ? ', servers only' : ''}`;
}
