import { defineCommand } from '@zoryx/framework';
import { isAssistantError } from '../errors.js';
import { ephemeral } from './answer-message.js';

/**
 * `/ask_config` (bot owners): shows the provider settings (the key only as set or not), and sets
 * the limits, which are stored and win over `extensions.config.assistant`.
 */
export const askConfigCommand = defineCommand({
  name: 'ask_config',
  description: "Show or change the assistant's provider settings and limits (owner)",
  access: 'owner',
  options: {
    max_tool_calls: {
      kind: 'integer',
      description: 'Tool calls per question (1–100)',
      min: 1,
      max: 100,
    },
    daily_token_budget: { kind: 'integer', description: 'Tokens per UTC day (≥ 1000)', min: 1000 },
    user_per_minute: {
      kind: 'integer',
      description: 'Questions per user per minute',
      min: 1,
      max: 1000,
    },
    guild_per_minute: {
      kind: 'integer',
      description: 'Questions per server per minute',
      min: 1,
      max: 10000,
    },
  },
  async run(interaction, args, ctx) {
    const service = ctx.extensions.get('assistant');
    if (!service) return interaction.reply(ephemeral('The assistant is not running.'));
    const changes = {
      ...(args.max_tool_calls === undefined ? {} : { maxToolCalls: args.max_tool_calls }),
      ...(args.daily_token_budget === undefined
        ? {}
        : { dailyTokenBudget: args.daily_token_budget }),
      ...(args.user_per_minute === undefined ? {} : { userPerMinute: args.user_per_minute }),
      ...(args.guild_per_minute === undefined ? {} : { guildPerMinute: args.guild_per_minute }),
    };
    try {
      const settings =
        Object.keys(changes).length > 0 ? await service.setOverrides(changes) : service.settings();
      return interaction.reply(
        ephemeral(
          [
            `**Assistant settings**${Object.keys(changes).length > 0 ? ' (updated)' : ''}`,
            `Provider: \`${settings.model}\` at \`${new URL(settings.baseUrl).origin}\``,
            `API key: env \`${settings.apiKeyEnv}\` is ${service.hasApiKey() ? 'set' : 'not set (no key is sent)'}`,
            `Limits: ${settings.maxToolCalls} tool calls · ${settings.wallTimeMs / 1000} s per question · ${settings.timeoutMs / 1000} s provider timeout`,
            `Rates: ${settings.userPerMinute}/min per user · ${settings.guildPerMinute}/min per server · budget ${settings.dailyTokenBudget} tokens/day`,
          ].join('\n'),
        ),
      );
    } catch (error) {
      if (isAssistantError(error)) return interaction.reply(ephemeral(`⚠️ ${error.message}`));
      throw error;
    }
  },
});
