import { defineCommand } from '@zoryx/framework';
import { diffCommands } from '@zoryx/slash-limit';
import { type APIApplicationCommand, Routes } from 'discord.js';
import { styledEmbed, warningEmbed } from '../shared/embeds.js';
import { replyError, respond } from '../shared/replies.js';

/** Names created, updated and removed in one scope, as `sync` reports them. */
export interface ScopeDiff {
  scope: string;
  create: string[];
  update: string[];
  remove: string[];
  unchanged: number;
}

const nameOf = (c: { name: string }) => c.name;

/**
 * `sync`: forces a command sync (`bot.resync({ force: true })`: the stored hashes are ignored, so
 * Discord's set is fetched, compared and corrected) and shows what differed in each scope.
 * Owner-only.
 */
export const syncCommand = defineCommand({
  name: 'sync',
  description: 'Forces a slash-command sync with Discord and shows the differences (bot owners)',
  access: 'owner',
  async run(interaction, _args, { client: bot, logger }) {
    const table = bot.commandService.table;
    const applicationId = bot.application?.id;
    if (!table || !applicationId) {
      return respond(interaction, [
        warningEmbed('The bot is not ready to sync yet; try again in a moment.'),
      ]);
    }
    if (!bot.config.components.commandSync) {
      return respond(interaction, [
        warningEmbed(
          'Command sync is switched off (`components.commandSync` in config.json).',
          'Not synced',
        ),
      ]);
    }
    await interaction.deferReply();
    try {
      const scopes = bot.config.devGuilds.length > 0 ? bot.config.devGuilds : [undefined];
      const diffs: ScopeDiff[] = [];
      for (const guildId of scopes) {
        const route = guildId
          ? Routes.applicationGuildCommands(applicationId, guildId)
          : Routes.applicationCommands(applicationId);
        const remote = (await bot.rest.get(route)) as APIApplicationCommand[];
        const diff = diffCommands(table.plan.register, remote);
        diffs.push({
          scope: guildId ? `guild ${guildId}` : 'global',
          create: diff.create.map(nameOf),
          update: diff.update.map((u) => u.local.name),
          remove: diff.remove.map(nameOf),
          unchanged: diff.unchanged.length,
        });
      }
      const reports = await bot.resync({ force: true });
      const calls = reports.reduce((sum, r) => sum + r.calls, 0);
      const list = (names: string[]) =>
        names.length > 0 ? names.map((n) => `\`${n}\``).join(' ') : 'none';
      return respond(interaction, [
        styledEmbed(
          'success',
          'Commands synced',
          `${table.plan.register.length} commands registered (${table.plan.status.used}/${table.plan.status.limit} slots), ${calls} API call(s).`,
          diffs.flatMap((d) => [
            { name: `${d.scope}: created`, value: list(d.create), inline: true },
            { name: `${d.scope}: updated`, value: list(d.update), inline: true },
            { name: `${d.scope}: removed`, value: list(d.remove), inline: true },
          ]),
        ).setFooter({ text: `${diffs.reduce((s, d) => s + d.unchanged, 0)} unchanged` }),
      ]);
    } catch (error) {
      return replyError(interaction, `Command sync failed: ${(error as Error).message}`, {
        error,
        logger,
      });
    }
  },
});
