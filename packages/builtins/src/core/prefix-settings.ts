import { defineCommand } from '@zoryx/framework';
import { infoEmbed, successEmbed, warningEmbed } from '../shared/embeds.js';
import { respond } from '../shared/replies.js';

/** Longest prefix a guild may set. */
export const MAX_PREFIX_LENGTH = 5;

/** Why `prefix` cannot be a prefix, or undefined when it can. */
export function prefixProblem(prefix: string): string | undefined {
  if (prefix.length === 0) return 'The prefix cannot be empty.';
  if ([...prefix].length > MAX_PREFIX_LENGTH)
    return `The prefix can be at most ${MAX_PREFIX_LENGTH} characters long.`;
  if (/\s/.test(prefix)) return 'The prefix cannot contain spaces.';
  if (/[`@#<>]/.test(prefix)) return 'The prefix cannot contain `` ` ``, `@`, `#`, `<` or `>`.';
  return undefined;
}

/** `setprefix <prefix>`: the guild's message-command prefix (admin; ≤ 5 characters). */
export const setprefixCommand = defineCommand({
  name: 'setprefix',
  description: 'Sets this server’s command prefix (at most 5 characters)',
  access: 'admin',
  guildOnly: true,
  options: {
    prefix: {
      kind: 'string',
      description: 'The new prefix, e.g. ? or $$',
      required: true,
      max: 20,
    },
  },
  async run(interaction, { prefix }, { client: bot }) {
    const problem = prefixProblem(prefix);
    if (problem) return respond(interaction, [warningEmbed(problem, 'Invalid prefix')]);
    const guildId = interaction.guildId as string;
    await bot.settings(guildId).set('prefix', prefix);
    return respond(interaction, [
      successEmbed(
        `The prefix of this server is now \`${prefix}\` (for example \`${prefix}help\`). Slash commands keep working.`,
        'Prefix updated',
      ),
    ]);
  },
});

/** `mentionprefix enable|disable|status`: whether `@Bot command` works in this guild (admin). */
export const mentionprefixCommand = defineCommand({
  name: 'mentionprefix',
  description: 'Turns @mention commands on or off in this server, or shows the setting',
  access: 'admin',
  guildOnly: true,
  options: {
    action: {
      kind: 'string',
      description: 'enable, disable or status',
      required: true,
      choices: ['enable', 'disable', 'status'],
    },
  },
  async run(interaction, { action }, { client: bot }) {
    const settings = bot.settings(interaction.guildId as string);
    const enabled = await settings.get('mentionPrefix');
    const state = enabled ? 'enabled' : 'disabled';
    if (action === 'status') {
      return respond(interaction, [
        infoEmbed(
          `@mention commands are **${state}** in this server (bot default: ${bot.config.mentionPrefix ? 'enabled' : 'disabled'}).`,
          'Mention prefix',
        ),
      ]);
    }
    const want = action === 'enable';
    if (want === enabled) {
      return respond(interaction, [
        warningEmbed(`@mention commands are already ${state}.`, 'Mention prefix'),
      ]);
    }
    await settings.set('mentionPrefix', want);
    return respond(interaction, [
      successEmbed(
        want
          ? `@mention commands are now enabled: \`@${bot.user?.username} help\` works.`
          : '@mention commands are now disabled; the prefix and slash commands keep working.',
        'Mention prefix',
      ),
    ]);
  },
});
