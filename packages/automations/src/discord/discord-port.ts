import { ChannelType, type GuildTextBasedChannel, Routes } from 'discord.js';
import { describeAction } from '../engine/describe-action.js';
import type { EventFacts } from '../engine/event-facts.js';
import type { ActionPort, RunContext } from '../engine/run-rule.js';
import { AutomationError } from '../errors.js';
import type { Action } from '../model/action-schema.js';
import { parseDiscordWebhookUrl } from '../model/webhook-url.js';
import { fetchMember } from './event-facts-from-discord.js';
import {
  awardXp,
  cleanupTempVoice,
  closeTicket,
  openTicket,
  tempVoice,
} from './feature-actions.js';
import type { DiscordActionEnv } from './live-event.js';

const NO_PINGS = { parse: [] as const };

async function textChannel(
  env: DiscordActionEnv,
  id: string | undefined,
): Promise<GuildTextBasedChannel> {
  // Fetched when not cached yet: a rule may name a channel created moments ago.
  const channel = id
    ? (env.guild.channels.cache.get(id) ?? (await env.guild.channels.fetch(id).catch(() => null)))
    : undefined;
  if (!channel?.isTextBased()) {
    throw new AutomationError(
      'ZRX_AUTOMATION_ACTION_FAILED',
      `Channel ${id ?? '(none)'} is not a text channel the bot can see.`,
    );
  }
  return channel;
}

async function member(env: DiscordActionEnv, facts: EventFacts) {
  const found = facts.userId ? await fetchMember(env.guild, facts.userId) : undefined;
  if (!found)
    throw new AutomationError(
      'ZRX_AUTOMATION_ACTION_FAILED',
      `The event has no member of ${env.guild.name}.`,
    );
  return found;
}

async function perform(
  action: Action,
  facts: EventFacts,
  run: RunContext,
  env: DiscordActionEnv,
  ruleId: string,
): Promise<string | undefined> {
  const { guild, store, live } = env;
  const userMentions = { parse: ['users' as const] };
  switch (action.type) {
    case 'send_message': {
      const channel = await textChannel(env, action.channelId ?? facts.channelId);
      await channel.send({
        ...(action.content ? { content: run.render(action.content) } : {}),
        ...(action.embed
          ? {
              embeds: [
                {
                  ...(action.embed.title ? { title: run.render(action.embed.title) } : {}),
                  ...(action.embed.description
                    ? { description: run.render(action.embed.description) }
                    : {}),
                  ...(action.embed.color === undefined ? {} : { color: action.embed.color }),
                },
              ],
            }
          : {}),
        allowedMentions: userMentions,
      });
      return undefined;
    }
    case 'reply': {
      const content = run.render(action.content);
      if (live.interaction && !live.interaction.replied && !live.interaction.deferred) {
        await live.interaction.reply({ content, allowedMentions: userMentions });
      } else if (live.message && 'reply' in live.message) {
        await live.message.reply({ content, allowedMentions: userMentions });
      } else {
        await (await textChannel(env, facts.channelId)).send({
          content,
          allowedMentions: userMentions,
        });
      }
      return undefined;
    }
    case 'dm':
      await (await member(env, facts)).send({
        content: run.render(action.content),
        allowedMentions: NO_PINGS,
      });
      return undefined;
    case 'add_role':
      await (await member(env, facts)).roles.add(action.roleId, `automations: rule ${ruleId}`);
      return undefined;
    case 'remove_role':
      await (await member(env, facts)).roles.remove(action.roleId, `automations: rule ${ruleId}`);
      return undefined;
    case 'timeout':
      await (await member(env, facts)).timeout(
        action.seconds * 1000,
        action.reason ? run.render(action.reason) : `automations: rule ${ruleId}`,
      );
      return undefined;
    case 'delete_message': {
      if (!facts.messageId || !facts.channelId) return 'delete_message skipped: no message';
      await (await textChannel(env, facts.channelId)).messages.delete(facts.messageId);
      return undefined;
    }
    case 'create_channel':
      await guild.channels.create({
        name: run.render(action.name).slice(0, 100),
        type: action.kind === 'voice' ? ChannelType.GuildVoice : ChannelType.GuildText,
        ...(action.parentId ? { parent: action.parentId } : {}),
      });
      return undefined;
    case 'delete_channel': {
      const id = action.channelId ?? facts.channelId;
      const channel = id ? guild.channels.cache.get(id) : undefined;
      if (!channel) return `delete_channel skipped: ${id ?? '(none)'} not found`;
      await channel.delete(`automations: rule ${ruleId}`);
      return undefined;
    }
    case 'move_member':
      await (await member(env, facts)).voice.setChannel(
        action.channelId,
        `automations: rule ${ruleId}`,
      );
      return undefined;
    case 'webhook': {
      const target = parseDiscordWebhookUrl(action.url);
      if (!target)
        throw new AutomationError(
          'ZRX_AUTOMATION_INVALID',
          `Rule ${ruleId}: the webhook URL is not a Discord webhook URL.`,
          { ruleId },
        );
      // Through the bot's own REST client (Discord's API only; no token sent: auth false).
      await guild.client.rest.post(Routes.webhook(target.id, target.token), {
        auth: false,
        body: {
          content: run.render(action.content),
          allowed_mentions: NO_PINGS,
          ...(action.username ? { username: action.username } : {}),
        },
      });
      return undefined;
    }
    case 'set_variable': {
      const scope = action.scope === 'user' ? `user:${facts.userId ?? ''}` : 'guild';
      await store.setVariable(guild.id, scope, action.name, run.render(action.value));
      return undefined;
    }
    case 'increment': {
      const scope = action.scope === 'user' ? `user:${facts.userId ?? ''}` : 'guild';
      const current = Number(
        (await store.variables(guild.id, facts.userId)).get(`${scope}:${action.name}`) ?? 0,
      );
      const next = (Number.isFinite(current) ? current : 0) + action.by;
      await store.setVariable(guild.id, scope, action.name, String(next));
      return `increment ${scope}:${action.name} = ${next}`;
    }
    case 'emit_hook':
      await env.emitHook(action.name, action.data ? run.render(action.data) : '', run.depth + 1);
      return undefined;
    case 'reaction_role': {
      const entry = action.roles.find(
        (r) => r.emoji === facts.emojiName || r.emoji === facts.emojiId,
      );
      if (!entry) return 'reaction_role skipped: emoji not mapped';
      const target = await member(env, facts);
      if (facts.event === 'reaction_remove') {
        if (!action.removeOnUnreact) return 'reaction_role skipped: kept on unreact';
        await target.roles.remove(entry.roleId, 'automations: reaction role');
        return `reaction_role removed <@&${entry.roleId}>`;
      }
      await target.roles.add(entry.roleId, 'automations: reaction role');
      return `reaction_role added <@&${entry.roleId}>`;
    }
    case 'award_xp':
      return awardXp(action, facts, run, env);
    case 'open_ticket':
      return openTicket(action, facts, run, env, ruleId);
    case 'close_ticket':
      return closeTicket(facts.channelId, env);
    case 'temp_voice':
      return tempVoice(action, facts, run, env, ruleId);
    case 'cleanup_temp_voice':
      return cleanupTempVoice(env);
    case 'wait':
    case 'run_rule':
      return undefined;
  }
}

/** The port that performs actions on Discord through the bot's client. */
export function createDiscordPort(env: DiscordActionEnv, ruleId: string): ActionPort {
  return {
    async perform(action, facts, run) {
      try {
        return (
          (await perform(action, facts, run, env, run.ruleId || ruleId)) ??
          describeAction(action, facts, run)
        );
      } catch (error) {
        if (error instanceof AutomationError) throw error;
        throw new AutomationError(
          'ZRX_AUTOMATION_ACTION_FAILED',
          `Rule ${run.ruleId}, ${action.type}: ${error instanceof Error ? error.message : String(error)}`,
          { ruleId: run.ruleId, cause: error },
        );
      }
    },
  };
}
