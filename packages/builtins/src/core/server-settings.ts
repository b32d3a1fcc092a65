import { defineCommand, type ZoryxClient } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import { respond } from '../shared/replies.js';

/** The per-guild command roles of a guild: command → role ids. */
export async function commandRoleMap(
  bot: ZoryxClient,
  guildId: string,
): Promise<Map<string, string[]>> {
  const rows = await (await bot.db.guild(guildId))
    .selectFrom('zoryx_command_roles')
    .select(['command', 'role_id'])
    .orderBy('command')
    .execute();
  const map = new Map<string, string[]>();
  for (const row of rows) map.set(row.command, [...(map.get(row.command) ?? []), row.role_id]);
  return map;
}

/** `serversettings`: prefix, mention prefix, members, owner, invocation methods, command roles. */
export const serversettingsCommand = defineCommand({
  name: 'serversettings',
  description: 'Shows this server’s bot settings: prefix, mention prefix, command roles',
  access: 'admin',
  guildOnly: true,
  async run(interaction, _args, { client: bot }) {
    const guildId = interaction.guildId as string;
    const guild = interaction.guild;
    const settings = await bot.settings(guildId).getAll();
    const custom = settings.prefix !== bot.config.prefix;
    const roles = await commandRoleMap(bot, guildId);
    const roleLines = [...roles]
      .slice(0, 10)
      .map(([command, ids]) => `\`${command}\`: ${ids.map((id) => `<@&${id}>`).join(', ')}`);
    const ways = [`\`/help\``, `\`${settings.prefix}help\``];
    if (settings.mentionPrefix) ways.push(`\`@${bot.user?.username} help\``);
    return respond(interaction, [
      styledEmbed('info', `Server settings — ${guild?.name ?? guildId}`, undefined, [
        {
          name: 'Prefix',
          value: `\`${settings.prefix}\` (${custom ? 'custom' : 'default'})`,
          inline: true,
        },
        {
          name: 'Mention prefix',
          value: settings.mentionPrefix ? 'enabled' : 'disabled',
          inline: true,
        },
        { name: 'Members', value: String(guild?.memberCount ?? '?'), inline: true },
        { name: 'Owner', value: guild ? `<@${guild.ownerId}>` : '?', inline: true },
        { name: 'How to run commands', value: ways.join(' · ') },
        {
          name: `Command roles (${roles.size})`,
          value:
            roleLines.length > 0
              ? roleLines.join('\n')
              : 'none: everyone may run every command they have the permissions for',
        },
      ]),
    ]);
  },
});
