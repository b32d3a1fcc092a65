import { holds } from './asker-access.js';
import { commandCatalog, whoMayRun } from './command-catalog.js';
import { asToolOutput } from './tool-output.js';
import {
  NO_PARAMETERS,
  oneString,
  optionalStringArg,
  type ReadTool,
  stringArg,
  ToolInputError,
} from './tool-types.js';

/** `search_commands`: commands matching words (or all), with who may run them. */
export const searchCommandsTool: ReadTool = {
  kind: 'read',
  name: 'search_commands',
  description:
    "Lists the bot's commands (all, or those matching a query in name, description or extension) with usage, who may run them and whether the asker may.",
  parameters: oneString('query', 'Words to look for; omit to list every command', false),
  permission: 'everyone',
  run(args, { bot }, asker) {
    const words = (optionalStringArg(args, 'query') ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    const matches = commandCatalog(bot).filter((c) => {
      const text = `${c.name} ${c.description} ${c.extension}`.toLowerCase();
      return words.length === 0 || words.some((word) => text.includes(word));
    });
    return asToolOutput({
      count: matches.length,
      commands: matches.map((c) => ({
        name: c.name,
        usage: c.usage,
        description: c.description,
        extension: c.extension,
        whoMayRun: whoMayRun(c),
        askerMayRun: holds(asker.access, c.access),
      })),
    });
  },
};

/** `explain_command`: one command's options, usage, reach and access. */
export const explainCommandTool: ReadTool = {
  kind: 'read',
  name: 'explain_command',
  description:
    'Explains one command: description, longer help, usage, each option (type, required, choices), how it is reached (/name, folded, prefix-only) and who may run it.',
  parameters: oneString('name', 'The command name, e.g. "help"'),
  permission: 'everyone',
  async run(args, { bot }, asker) {
    const name = stringArg(args, 'name').replace(/^[/!]/, '').toLowerCase();
    const all = commandCatalog(bot);
    const info = all.find((c) => c.name === name);
    if (!info) {
      const near = all
        .filter((c) => c.name.includes(name) || name.includes(c.name))
        .map((c) => c.name);
      throw new ToolInputError(
        `No command named "${name}".${near.length ? ` Similar: ${near.slice(0, 5).join(', ')}.` : ' Use search_commands.'}`,
      );
    }
    // A server can restrict a command to roles (its `config` command roles): name them here.
    const guild = asker.guildId === undefined ? undefined : bot.guilds.cache.get(asker.guildId);
    const roleIds = guild ? await bot.commandRoles.rolesFor(guild.id, info.name) : [];
    const rolesHere = roleIds.map((id) => guild?.roles.cache.get(id)?.name ?? id);
    return asToolOutput({
      ...info,
      whoMayRun: whoMayRun(info),
      ...(rolesHere.length > 0 ? { restrictedInThisServerToRoles: rolesHere } : {}),
      askerMayRun: holds(asker.access, info.access),
    });
  },
};

/** `slash_limit_plan`: how the commands fit Discord's slash-command limit. */
export const slashLimitPlanTool: ReadTool = {
  kind: 'read',
  name: 'slash_limit_plan',
  description:
    "The slash-command plan: how many slash commands are registered against Discord's limit, the level (ok/warning/critical), which commands were folded under category roots or made prefix-only, and why.",
  parameters: NO_PARAMETERS,
  permission: 'everyone',
  run(_args, { bot }) {
    const table = bot.commandService.table;
    if (!table) return 'Commands have not been planned yet (the bot is still starting).';
    const folded: string[] = [];
    const prefixOnly: string[] = [];
    const excluded: string[] = [];
    for (const [name, route] of Object.entries(table.plan.routes)) {
      if (route.kind === 'folded') folded.push(`${name} → /${route.root}`);
      else if (route.kind === 'prefix-only') prefixOnly.push(`${name}: ${route.reason}`);
      else if (route.kind === 'excluded') excluded.push(`${name}: ${route.reason}`);
    }
    const { slashLimit } = bot.config;
    return asToolOutput({
      status: table.plan.status,
      thresholds: slashLimit,
      commands: Object.keys(table.plan.routes).length,
      folded,
      prefixOnly,
      excluded,
    });
  },
};
