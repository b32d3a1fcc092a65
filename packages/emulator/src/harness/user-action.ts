import type { APIApplicationCommandOptionChoice } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import { describeRequests } from '../rest/request-log.js';
import type { BotOutput, BotOutputKind } from '../world/outputs.js';
import type { World } from '../world/world.js';
import { BotMessage, type ComponentActor } from './bot-message.js';
import { type ModalActor, ModalHandle } from './modal.js';

/** Options of the waiting methods. */
export interface WaitOptions {
  /** How long to wait in ms (default: the emulator's `replyTimeout`, 5,000). */
  timeout?: number;
}

/** Internal description of what an action is and which outputs answer it. */
export interface ActionTarget {
  description: string;
  channelId: string | null;
  interactionId: string | null;
  /** For a component interaction: the message the component is on. */
  sourceMessageId: string | null;
}

type Actor = ComponentActor & ModalActor;

/**
 * Something a user did (a message, a slash command, a click…) and the bot's answers to it.
 * Outputs are recorded from the moment the action happened, so awaiting late never misses one.
 */
export class UserAction {
  /** The interaction this action created, or `null` for a message. */
  public readonly interactionId: string | null;
  /** The user's message, for message actions. */
  public readonly messageId: string | null;
  readonly #world: World;
  readonly #start: number;
  readonly #target: ActionTarget;
  readonly #actor: Actor;
  readonly #timeout: number;

  /** @internal Created by the methods of `UserHandle`. */
  public constructor(
    world: World,
    start: number,
    target: ActionTarget,
    actor: Actor,
    timeout: number,
    messageId: string | null = null,
  ) {
    this.#world = world;
    this.#start = start;
    this.#target = target;
    this.#actor = actor;
    this.#timeout = timeout;
    this.interactionId = target.interactionId;
    this.messageId = messageId;
  }

  /**
   * The bot's first visible answer: for a message, the bot's next message in that channel; for
   * an interaction, its reply, update, editReply after a deferral, followup, or a plain message
   * in the channel. Rejects with ZRX_EMULATOR_REPLY_TIMEOUT listing the last REST requests.
   */
  public reply(options: WaitOptions = {}): Promise<BotMessage> {
    return this.nthReply(1, options);
  }

  /** The bot's `n`-th answer (1-based), counted as {@link UserAction.reply} counts. */
  public async nthReply(n: number, options: WaitOptions = {}): Promise<BotMessage> {
    const replies = await this.replies(n, options);
    return replies[n - 1] as BotMessage;
  }

  /** The bot's first `n` answers. */
  public async replies(n: number, options: WaitOptions = {}): Promise<BotMessage[]> {
    const outputs = await this.#wait(
      (output) => this.#isReply(output),
      n,
      `${n} repl${n === 1 ? 'y' : 'ies'}`,
      options,
      // A plain message in the action's channel may answer it too.
      this.#target.channelId,
    );
    return outputs.map(
      (output) => new BotMessage(output.message!, output.kind === 'edit', this.#actor),
    );
  }

  /** Resolves with how the bot first acknowledged the interaction (reply, defer, modal…). */
  public async acknowledged(options: WaitOptions = {}): Promise<BotOutputKind> {
    const [output] = await this.#wait(
      (output) => output.interactionId === this.interactionId && this.interactionId !== null,
      1,
      'an acknowledgement',
      options,
    );
    return output!.kind;
  }

  /** The modal the bot opened in answer to this interaction. */
  public async modal(options: WaitOptions = {}): Promise<ModalHandle> {
    const [output] = await this.#wait(
      (output) => this.#own(output) && output.kind === 'modal',
      1,
      'a modal',
      options,
    );
    return new ModalHandle(
      output!.modal!,
      output!.interactionId ?? '',
      this.#target.sourceMessageId,
      this.#actor,
    );
  }

  /** The choices the bot answered an autocomplete interaction with. */
  public async choices(options: WaitOptions = {}): Promise<APIApplicationCommandOptionChoice[]> {
    const [output] = await this.#wait(
      (output) => this.#own(output) && output.kind === 'autocomplete',
      1,
      'autocomplete choices',
      options,
    );
    return output!.choices ?? [];
  }

  #own(output: BotOutput): boolean {
    return this.interactionId !== null && output.interactionId === this.interactionId;
  }

  #isReply(output: BotOutput): boolean {
    if (!output.message) return false;
    if (output.kind !== 'create' && output.kind !== 'edit') return false;
    if (this.#own(output)) return true;
    if (output.kind !== 'create' || output.interactionId !== null) return false;
    if (output.channelId !== this.#target.channelId) return false;
    // With several users in one channel, a reply to someone else's message is not ours.
    const referenced = output.message.message_reference?.message_id;
    if (referenced === undefined || referenced === this.messageId) return true;
    const author = this.#world.records.messageIndex.get(referenced)?.author;
    return author === undefined || author.id === this.#world.botUser.id;
  }

  #wait(
    accept: (output: BotOutput) => boolean,
    count: number,
    what: string,
    options: WaitOptions,
    channelId: string | null = null,
  ): Promise<BotOutput[]> {
    const timeout = options.timeout ?? this.#timeout;
    // One scan of what is already there, then each new output once as it comes (a rescan per
    // output made a push cost O(pending actions × outputs) under load).
    const matches = this.#world.outputs.since(this.#start).filter(accept);
    if (matches.length >= count) return Promise.resolve(matches.slice(0, count));
    return new Promise((resolve, reject) => {
      const stop = this.#world.outputs.subscribe(
        (output) => {
          if (!accept(output)) return;
          matches.push(output);
          if (matches.length < count) return;
          stop();
          clearTimeout(timer);
          resolve(matches.slice(0, count));
        },
        { interactionId: this.interactionId, channelId },
      );
      const timer = setTimeout(() => {
        stop();
        const got = matches.length;
        reject(
          new EmulatorError(
            'ZRX_EMULATOR_REPLY_TIMEOUT',
            `Expected ${what} from the bot to ${this.#target.description} within ${timeout} ms, got ${got}.\nLast REST requests of the bot:\n${describeRequests(this.#world.requests.last(10))}`,
            'Check that the bot handles this (intents, command registered, listener attached) and that it answers in the same channel; pass { timeout } to wait longer.',
          ),
        );
      }, timeout);
    });
  }
}
