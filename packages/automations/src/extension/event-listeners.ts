import type { ExtensionContext } from '@zoryx/framework';
import { Events, type Guild, type Message, type PartialMessage } from 'discord.js';
import { fetchMember, userFacts } from '../discord/event-facts-from-discord.js';
import { closeTicket } from '../discord/feature-actions.js';
import type { EventFacts } from '../engine/event-facts.js';
import { TICKET_CLOSE_ID } from '../model/custom-ids.js';
import type { TriggerEvent } from '../model/trigger-schema.js';
import type { AutomationService } from '../service/automation-service.js';

function messageFacts(
  event: TriggerEvent,
  message: Message | PartialMessage,
  at: number,
): EventFacts | undefined {
  if (!message.guildId) return undefined;
  return {
    event,
    guildId: message.guildId,
    at,
    channelId: message.channelId,
    messageId: message.id,
    ...(message.content ? { content: message.content } : {}),
    ...(message.author ? userFacts(message.author, message.member) : {}),
  };
}

/**
 * Turns the gateway events the bot receives into rule events. Every listener is registered on
 * `ctx.client`, so the extension owns it (released on unload, errors attributed to it).
 */
export function listenToDiscord(ctx: ExtensionContext, service: AutomationService): void {
  const client = ctx.client;
  const now = service.now;
  const run = (facts: EventFacts | undefined, live = {}) => {
    if (facts) return service.handle(facts, live);
    return undefined;
  };

  client.on(Events.GuildMemberAdd, (member) =>
    run({
      event: 'member_join',
      guildId: member.guild.id,
      at: now(),
      ...userFacts(member.user, member),
    }),
  );
  client.on(Events.GuildMemberRemove, (member) =>
    run({
      event: 'member_leave',
      guildId: member.guild.id,
      at: now(),
      ...userFacts(member.user, undefined),
    }),
  );
  client.on(Events.MessageCreate, (message) =>
    run(messageFacts('message', message, now()), { message }),
  );
  client.on(Events.MessageUpdate, (_old, message) =>
    run(messageFacts('message_edit', message, now()), { message }),
  );
  client.on(Events.MessageDelete, (message) => run(messageFacts('message_delete', message, now())));

  const reaction =
    (event: 'reaction_add' | 'reaction_remove') =>
    async (
      r: {
        message: { guildId: string | null; channelId: string; id: string; guild: Guild | null };
        emoji: { name: string | null; id: string | null };
      },
      user: { id: string; username: string | null; bot: boolean | null },
    ) => {
      const guild = r.message.guild;
      if (!r.message.guildId || !guild) return;
      const member = await fetchMember(guild, user.id);
      await service.handle({
        event,
        guildId: r.message.guildId,
        at: now(),
        channelId: r.message.channelId,
        messageId: r.message.id,
        ...(r.emoji.name ? { emojiName: r.emoji.name } : {}),
        ...(r.emoji.id ? { emojiId: r.emoji.id } : {}),
        userId: user.id,
        ...(user.username ? { username: user.username } : {}),
        isBot: user.bot ?? false,
        ...(member ? userFacts(member.user, member) : {}),
      });
    };
  client.on(Events.MessageReactionAdd, reaction('reaction_add'));
  client.on(Events.MessageReactionRemove, reaction('reaction_remove'));

  client.on(Events.VoiceStateUpdate, async (before, after) => {
    const member = after.member ?? before.member;
    if (!member || before.channelId === after.channelId) return;
    const base = { guildId: after.guild.id, at: now(), ...userFacts(member.user, member) };
    const left = before.channelId ? before.guild.channels.cache.get(before.channelId) : undefined;
    if (before.channelId) {
      await service.handle({
        ...base,
        event: 'voice_leave',
        channelId: before.channelId,
        ...(left ? { channelName: left.name } : {}),
      });
    }
    if (after.channelId)
      await service.handle({ ...base, event: 'voice_join', channelId: after.channelId });
  });

  client.on(Events.InteractionCreate, async (interaction) => {
    if (!interaction.inCachedGuild()) return;
    if (!interaction.isButton() && !interaction.isAnySelectMenu() && !interaction.isModalSubmit())
      return;
    if (interaction.customId === TICKET_CLOSE_ID) {
      await interaction.deferUpdate().catch(() => undefined);
      await closeTicket(interaction.channelId ?? undefined, {
        guild: interaction.guild,
        store: service.store,
        live: { interaction },
        now,
        emitHook: async () => undefined,
      });
      return;
    }
    const event = interaction.isButton()
      ? 'button'
      : interaction.isModalSubmit()
        ? 'modal'
        : 'select';
    const runs = service.handle(
      {
        event,
        guildId: interaction.guildId,
        at: now(),
        ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
        ...(interaction.message ? { messageId: interaction.message.id } : {}),
        customId: interaction.customId,
        ...userFacts(interaction.user, interaction.member),
      },
      { interaction },
    );
    // Discord wants an answer within 3 s: a rule that has not answered by then gets a silent ack.
    await Promise.race([runs, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    if (!interaction.replied && !interaction.deferred && interaction.isMessageComponent()) {
      await interaction.deferUpdate().catch(() => undefined);
    }
  });

  client.on(Events.AutoModerationActionExecution, async (execution) => {
    await service.handle({
      event: 'automod_action',
      guildId: execution.guild.id,
      at: now(),
      userId: execution.userId,
      ...(execution.channelId ? { channelId: execution.channelId } : {}),
      ...(execution.messageId ? { messageId: execution.messageId } : {}),
      content: execution.content,
      ...(execution.member ? userFacts(execution.member.user, execution.member) : {}),
    });
  });

  ctx.hooks.on(
    'automation_hook',
    async (payload) => {
      await service.handle({
        event: 'hook',
        guildId: payload.guildId,
        at: now(),
        hook: payload.name,
        hookData: payload.data,
        depth: payload.depth,
        ...(payload.userId ? { userId: payload.userId } : {}),
        ...(payload.channelId ? { channelId: payload.channelId } : {}),
      });
    },
    { id: 'hook-trigger' },
  );

  const start = async () => {
    for (const guild of client.guilds.cache.values()) {
      await service
        .startGuild(guild)
        .catch((error: unknown) =>
          ctx.logger.warn({ err: error, guildId: guild.id }, 'automations: guild start failed'),
        );
    }
  };
  if (client.isReady()) void start();
  else client.once(Events.ClientReady, () => void start());
  client.on(Events.GuildCreate, (guild) => service.startGuild(guild));
}
