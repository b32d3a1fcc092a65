import { defineCommand } from '@zoryx/framework';
import { isDispatcher, runtimeOf } from '@zoryx/framework/internals';
import type { Guild } from 'discord.js';
import { styledEmbed, successEmbed, warningEmbed } from '../shared/embeds.js';
import { respond } from '../shared/replies.js';
import { prefixFor } from './guild-prefix.js';
import { commandRoleMap } from './server-settings.js';

/** Resolves `@Role`, a role id or a role name in `guild`. */
export async function resolveRole(
  guild: Guild,
  input: string,
): Promise<{ id: string; name: string } | undefined> {
  const id =
    /^<@&(\d{17,20})>$/.exec(input)?.[1] ?? (/^\d{17,20}$/.test(input) ? input : undefined);
  if (id) {
    const role = guild.roles.cache.get(id) ?? (await guild.roles.fetch(id).catch(() => null));
    return role ? { id: role.id, name: role.name } : undefined;
  }
  const wanted = input.replace(/^@/, '').toLowerCase();
  const roles = guild.roles.cache.size > 1 ? guild.roles.cache : await guild.roles.fetch();
  const role = roles.find((r) => r.name.toLowerCase() === wanted);
  return role ? { id: role.id, name: role.name } : undefined;
}

/**
 * `config [command] [role|none]`: per-guild, per-command role requirements (stored in the guild's
 * database by the framework's CommandRoles, so a guild never affects another). Guild owner or bot
 * owner; owner-only commands cannot be opened to roles.
 */
export const configCommand = defineCommand({
  name: 'config',
  description: 'Limits a command to roles in this server (or lists the limits)',
  detail:
    'config <command> <@role> adds a role that may run the command here (members without one of the roles are refused); config <command> none removes the limit. Without arguments: what can be configured and the current limits.',
  access: 'guild-owner',
  guildOnly: true,
  options: {
    command: { kind: 'string', description: 'The command to limit', max: 32 },
    role: { kind: 'string', description: 'A role (mention, id or name), or none', max: 100 },
  },
  async run(interaction, { command, role }, { client: bot }) {
    const guild = interaction.guild;
    if (!guild) {
      // guildOnly refused DMs; a guild the bot has not cached yet cannot be configured either.
      return respond(interaction, [warningEmbed('This command only works in a server.')]);
    }
    // The framework's own owner-only rule (config `ownerOnly` or the command's access), the one
    // its permission tiers enforce.
    const runtime = runtimeOf(bot);
    const commands = [...bot.stores.get('commands').values()].filter((c) => !isDispatcher(c));
    const ownerOnly = (name: string) => {
      const piece = bot.stores.get('commands').get(name);
      return piece !== undefined && (runtime?.isOwnerOnly(piece) ?? false);
    };
    if (command === undefined) {
      const prefix = await prefixFor(bot, guild.id);
      const roles = await commandRoleMap(bot, guild.id);
      const configurable = commands.filter((c) => !ownerOnly(c.name)).map((c) => `\`${c.name}\``);
      const locked = commands.filter((c) => ownerOnly(c.name)).map((c) => `\`${c.name}\``);
      return respond(interaction, [
        styledEmbed(
          'info',
          'Command roles',
          `Usage: \`${prefix}config <command> <@role>\` to limit a command to a role here, \`${prefix}config <command> none\` to remove the limit.`,
          [
            { name: 'Configurable', value: configurable.join(' ') },
            { name: 'Bot owners only (cannot be opened)', value: locked.join(' ') || 'none' },
            {
              name: 'Current limits in this server',
              value:
                [...roles]
                  .slice(0, 10)
                  .map(([name, ids]) => `\`${name}\`: ${ids.map((id) => `<@&${id}>`).join(', ')}`)
                  .join('\n') || 'none',
            },
          ],
        ),
      ]);
    }
    const name = command.trim().replace(/^\//, '').toLowerCase();
    const piece = bot.stores.get('commands').get(name);
    if (!piece || isDispatcher(piece)) {
      return respond(interaction, [
        warningEmbed(`There is no command named \`${name}\`.`, 'Unknown command'),
      ]);
    }
    if (ownerOnly(piece.name)) {
      return respond(interaction, [
        warningEmbed(
          `\`${piece.name}\` is for the bot owners only and cannot be opened to roles.`,
          'Not configurable',
        ),
      ]);
    }
    if (role === undefined) {
      const current = (await commandRoleMap(bot, guild.id)).get(piece.name) ?? [];
      return respond(interaction, [
        styledEmbed(
          'info',
          `Command roles — ${piece.name}`,
          current.length > 0
            ? `Limited to ${current.map((id) => `<@&${id}>`).join(', ')}.`
            : 'Not limited: everyone with the needed permissions may run it.',
        ),
      ]);
    }
    if (role.trim().toLowerCase() === 'none') {
      await bot.commandRoles.revoke(guild.id, piece.name);
      return respond(interaction, [
        successEmbed(
          `\`${piece.name}\` is no longer limited to roles in this server.`,
          'Command roles',
        ),
      ]);
    }
    const found = await resolveRole(guild, role.trim());
    if (!found) {
      return respond(interaction, [
        warningEmbed(`No role \`${role}\` in this server.`, 'Unknown role'),
      ]);
    }
    await bot.commandRoles.allow(guild.id, piece.name, found.id);
    const now = (await commandRoleMap(bot, guild.id)).get(piece.name) ?? [found.id];
    return respond(interaction, [
      successEmbed(
        `In this server, \`${piece.name}\` can now be run by members with ${now.map((id) => `<@&${id}>`).join(', ')} (and the server owner and bot owners).`,
        'Command roles',
      ),
    ]);
  },
});
