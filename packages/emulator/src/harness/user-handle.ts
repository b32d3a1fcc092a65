import {
  type APIEmbed,
  type APIMessage,
  type APIUser,
  ComponentType,
  InteractionType,
} from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import { enforceAutoMod } from '../world/automod.js';
import { dmChannel } from '../world/channels.js';
import { createInteraction } from '../world/interactions.js';
import { channelMessages, createMessage } from '../world/messages.js';
import type { World } from '../world/world.js';
import type { BotMessage, ComponentActor, SelectValue } from './bot-message.js';
import { buildCommandData, type OptionValues } from './command-options.js';
import { findComponent, SELECT_TYPES } from './components.js';
import {
  findCommand,
  interactionChannel,
  lookupChannel,
  lookupGuild,
  requireMember,
  resolveSelectValues,
} from './interaction-lookup.js';
import type { ModalActor, ModalHandle, ModalValues } from './modal.js';
import { modalSubmission } from './modal-submission.js';
import { idOf, type Ref } from './refs.js';
import { type ActionTarget, UserAction } from './user-action.js';
import { currentMessage, userDelete, userEdit, userReact } from './user-messages.js';

/** A message a test user sends: text, or text with embeds and a reply reference. */
export interface UserMessageInput {
  content?: string;
  embeds?: APIEmbed[];
  /** Reply to this message. */
  replyTo?: Ref;
}

/** Where an interaction happens. */
export interface InteractionContext {
  /** The channel (default: the guild's first text channel, or the DM channel with the bot). */
  channel?: Ref;
}

/**
 * A Discord user that the test drives: sends messages, runs slash commands, clicks buttons,
 * picks in select menus and submits modals. Every method returns a {@link UserAction} whose
 * `reply()` resolves with the bot's answer.
 */
export class UserHandle implements ComponentActor, ModalActor {
  /** The user's id. */
  public readonly id: string;
  /** The user's username. */
  public readonly username: string;
  readonly #world: World;
  readonly #timeout: number;

  /** @internal Created by the emulator's test API. */
  public constructor(world: World, user: APIUser, timeout: number) {
    this.#world = world;
    this.id = user.id;
    this.username = user.username;
    this.#timeout = timeout;
  }

  /** The user in Discord's shape. */
  public get raw(): APIUser {
    return this.#world.user(this.id);
  }

  /** Sends a message in a channel (MESSAGE_CREATE); `reply()` awaits the bot's next message there. */
  public send(channel: Ref, input: string | UserMessageInput): UserAction {
    const target = lookupChannel(this.#world, idOf(channel));
    const guild = this.#world.guildOf(target);
    if (guild) requireMember(this.#world, this.id, guild);
    const body = typeof input === 'string' ? { content: input } : input;
    const start = this.#world.outputs.length;
    // AutoMod runs before the message exists: a blocked message is never created.
    if (guild && enforceAutoMod(this.#world, guild, target, this.id, body.content ?? '')) {
      return this.#action(start, {
        description: `answer the blocked message in #${target.name ?? target.id}`,
        channelId: target.id,
        interactionId: null,
        sourceMessageId: null,
      });
    }
    const message = createMessage(
      this.#world,
      target,
      this.raw,
      { content: body.content ?? '', embeds: body.embeds ?? [] },
      {
        trusted: true,
        ...(body.replyTo ? { messageReference: { message_id: idOf(body.replyTo) } } : {}),
      },
    );
    return this.#action(
      start,
      {
        description: `answer "${(body.content ?? '').slice(0, 60)}" in #${target.name ?? target.id}`,
        channelId: target.id,
        interactionId: null,
        sourceMessageId: null,
      },
      message.id,
    );
  }

  /** The messages of the user's DM channel with the bot, oldest first (what the bot DMed them). */
  public dms(): APIMessage[] {
    return [...channelMessages(this.#world, dmChannel(this.#world, this.id).id)];
  }

  /** Sends a direct message to the bot. */
  public dm(input: string | UserMessageInput): UserAction {
    return this.send(dmChannel(this.#world, this.id), input);
  }

  /** Edits one of the user's messages (MESSAGE_UPDATE); `reply()` awaits the bot's next message there. */
  public edit(message: Ref, content: string): UserAction {
    const start = this.#world.outputs.length;
    const edited = userEdit(this.#world, this.id, message, content);
    return this.#messageAction(
      start,
      edited.channel_id,
      edited.id,
      `answer the edit "${content.slice(0, 60)}"`,
    );
  }

  /** Deletes one of the user's messages (MESSAGE_DELETE). */
  public delete(message: Ref): void {
    userDelete(this.#world, this.id, message);
  }

  /** Reacts to a message with `'👍'` or a custom `'name:id'` (MESSAGE_REACTION_ADD). */
  public react(message: Ref, emoji: string): UserAction {
    const start = this.#world.outputs.length;
    const target = userReact(this.#world, this.id, message, emoji, true);
    return this.#messageAction(start, target.channel_id, null, `answer the reaction ${emoji}`);
  }

  /** Removes the user's reaction (MESSAGE_REACTION_REMOVE). */
  public unreact(message: Ref, emoji: string): UserAction {
    const start = this.#world.outputs.length;
    const target = userReact(this.#world, this.id, message, emoji, false);
    return this.#messageAction(
      start,
      target.channel_id,
      null,
      `answer the removed reaction ${emoji}`,
    );
  }

  /**
   * Runs a registered chat-input command: `name` is `'ping'`, `'mod ban'` (subcommand) or
   * `'config roles add'` (group + subcommand). `guild` null runs the global command in a DM.
   */
  public slash(
    guild: Ref | null,
    name: string,
    options: OptionValues = {},
    context: InteractionContext = {},
  ): UserAction {
    return this.#command(guild, name, options, context, undefined);
  }

  /** Sends an autocomplete interaction while the user types in option `focused`. */
  public autocomplete(
    guild: Ref | null,
    name: string,
    options: OptionValues,
    context: InteractionContext & { focused: string },
  ): UserAction {
    return this.#command(guild, name, options, context, context.focused);
  }

  /** Runs a user or message context-menu command on `target` (a user or a message). */
  public contextMenu(
    guild: Ref | null,
    name: string,
    target: Ref,
    context: InteractionContext = {},
  ): UserAction {
    const guildRecord = guild === null ? null : lookupGuild(this.#world, idOf(guild));
    const command = findCommand(this.#world, guildRecord, name, [2, 3]);
    const channel = interactionChannel(this.#world, guildRecord, context.channel, this.id);
    const targetId = idOf(target);
    const resolved =
      command.type === 3
        ? { messages: { [targetId]: this.#world.records.messageIndex.get(targetId) } }
        : {
            users: { [targetId]: this.#world.user(targetId) },
            ...(guildRecord?.members.get(targetId)
              ? {
                  members: {
                    [targetId]: {
                      ...memberWithoutUser(guildRecord.members.get(targetId)!),
                      permissions: '0',
                    },
                  },
                }
              : {}),
          };
    const data = {
      id: command.id,
      name: command.name,
      type: command.type,
      target_id: targetId,
      resolved,
    };
    return this.#interact(
      InteractionType.ApplicationCommand,
      data,
      guildRecord,
      channel,
      `answer the context menu "${name}"`,
    );
  }

  /** Clicks a button of a message (by custom id). */
  public clickButton(message: BotMessage | APIMessage | Ref, customId: string): UserAction {
    const current = currentMessage(this.#world, message);
    findComponent(current, customId, [ComponentType.Button]);
    return this.#component(
      current,
      { custom_id: customId, component_type: ComponentType.Button },
      `answer the click on "${customId}"`,
    );
  }

  /** Picks `values` in a select menu of a message (option values, or users/roles/channels). */
  public select(
    message: BotMessage | APIMessage | Ref,
    customId: string,
    values: readonly SelectValue[],
  ): UserAction {
    const current = currentMessage(this.#world, message);
    const component = findComponent(current, customId, SELECT_TYPES);
    const ids = values.map((value) => idOf(value));
    if (component.type === ComponentType.StringSelect) {
      const allowed = new Set((component.options ?? []).map((option) => option.value));
      const bad = ids.filter((value) => !allowed.has(value));
      if (bad.length > 0) {
        throw new EmulatorError(
          'ZRX_EMULATOR_INVALID_OPTION',
          `Select "${customId}" has no option ${bad.join(', ')}.`,
          `Its options are: ${[...allowed].join(', ')}.`,
        );
      }
    }
    const min = component.min_values ?? 1;
    const max = component.max_values ?? 1;
    if (ids.length < min || ids.length > max) {
      throw new EmulatorError(
        'ZRX_EMULATOR_INVALID_OPTION',
        `Select "${customId}" takes ${min}–${max} values, got ${ids.length}.`,
        'Pick as many values as the menu allows.',
      );
    }
    const data: Record<string, unknown> = {
      custom_id: customId,
      component_type: component.type,
      values: ids,
    };
    if (component.type !== ComponentType.StringSelect)
      data.resolved = resolveSelectValues(this.#world, current, ids);
    return this.#component(current, data, `answer the selection in "${customId}"`);
  }

  /** Submits a modal the bot opened (see `UserAction.modal()`). */
  public submitModal(modal: ModalHandle, values: ModalValues): UserAction {
    const origin = this.#world.interactions.get(modal.interactionId);
    const guild = origin?.guildId ? (this.#world.records.guilds.get(origin.guildId) ?? null) : null;
    const channel = origin?.channelId
      ? (this.#world.records.channels.get(origin.channelId) ?? null)
      : null;
    const source = modal.sourceMessageId
      ? this.#world.records.messageIndex.get(modal.sourceMessageId)
      : undefined;
    const data = { custom_id: modal.customId, components: modalSubmission(modal, values) };
    return this.#interact(
      InteractionType.ModalSubmit,
      data,
      guild,
      channel,
      `answer the modal "${modal.customId}"`,
      source,
    );
  }

  #command(
    guild: Ref | null,
    name: string,
    options: OptionValues,
    context: InteractionContext,
    focused: string | undefined,
  ): UserAction {
    const [commandName = '', ...path] = name.trim().split(/\s+/);
    const guildRecord = guild === null ? null : lookupGuild(this.#world, idOf(guild));
    if (guildRecord) requireMember(this.#world, this.id, guildRecord);
    const command = findCommand(this.#world, guildRecord, commandName, [1]);
    const channel = interactionChannel(this.#world, guildRecord, context.channel, this.id);
    const data = buildCommandData(
      this.#world,
      command,
      path,
      options,
      guildRecord,
      channel,
      this.id,
      focused,
    );
    const type =
      focused === undefined
        ? InteractionType.ApplicationCommand
        : InteractionType.ApplicationCommandAutocomplete;
    return this.#interact(type, data, guildRecord, channel, `answer /${name}`);
  }

  #component(message: APIMessage, data: Record<string, unknown>, description: string): UserAction {
    const channel = lookupChannel(this.#world, message.channel_id);
    const guild = this.#world.guildOf(channel) ?? null;
    return this.#interact(
      InteractionType.MessageComponent,
      data,
      guild,
      channel,
      description,
      message,
    );
  }

  #interact(
    type: InteractionType,
    data: Record<string, unknown>,
    guild: GuildRecord | null,
    channel: ChannelRecord | null,
    description: string,
    message?: APIMessage,
  ): UserAction {
    const start = this.#world.outputs.length;
    const record = createInteraction(this.#world, {
      type,
      data,
      user: this.raw,
      guild,
      channel,
      ...(message ? { message } : {}),
    });
    return this.#action(start, {
      description,
      channelId: channel?.id ?? null,
      interactionId: record.id,
      sourceMessageId: message?.id ?? null,
    });
  }

  #messageAction(
    start: number,
    channelId: string,
    messageId: string | null,
    description: string,
  ): UserAction {
    return this.#action(
      start,
      { description, channelId, interactionId: null, sourceMessageId: null },
      messageId,
    );
  }

  #action(start: number, target: ActionTarget, messageId: string | null = null): UserAction {
    return new UserAction(this.#world, start, target, this, this.#timeout, messageId);
  }
}
