import type { APIEmbed, APIMessage, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import type { UserAction } from './user-action.js';

/** Who acts on a bot message's components (the user whose action produced the message). */
export interface ComponentActor {
  clickButton(message: BotMessage | APIMessage, customId: string): UserAction;
  select(
    message: BotMessage | APIMessage,
    customId: string,
    values: readonly SelectValue[],
  ): UserAction;
}

/** A value picked in a select menu: an option value, or a user/role/channel (handle or id). */
export type SelectValue = string | { readonly id: string };

/**
 * A message the bot sent or edited, as a test sees it: a snapshot at the time of the output,
 * plus shortcuts to act on its components as the user whose action caused it.
 */
export class BotMessage {
  /** The message id. */
  public readonly id: string;
  /** The channel it is in. */
  public readonly channelId: string;
  /** Its text content ('' when none). */
  public readonly content: string;
  /** Its embeds. */
  public readonly embeds: APIEmbed[];
  /** Its components (action rows, or Components V2 layouts). */
  public readonly components: APIMessageTopLevelComponent[];
  /** Its message flags. */
  public readonly flags: number;
  /** Whether only the interacting user sees it. */
  public readonly ephemeral: boolean;
  /** Whether this output was an edit of an existing message (editReply, update, edit). */
  public readonly edited: boolean;
  /** The message in Discord's shape. */
  public readonly raw: APIMessage;
  readonly #actor: ComponentActor;

  /** @internal Created by the emulator's test API. */
  public constructor(raw: APIMessage, edited: boolean, actor: ComponentActor) {
    this.raw = raw;
    this.id = raw.id;
    this.channelId = raw.channel_id;
    this.content = raw.content;
    this.embeds = raw.embeds;
    this.components = (raw.components ?? []) as APIMessageTopLevelComponent[];
    this.flags = raw.flags ?? 0;
    this.ephemeral = (this.flags & 64) !== 0;
    this.edited = edited;
    this.#actor = actor;
  }

  /** Clicks the button with `customId`, as the user who caused this message. */
  public clickButton(customId: string): UserAction {
    return this.#actor.clickButton(this, customId);
  }

  /** Picks `values` in the select menu `customId`, as the user who caused this message. */
  public select(customId: string, values: readonly SelectValue[]): UserAction {
    return this.#actor.select(this, customId, values);
  }
}
