import type { APIInteraction } from 'discord-api-types/v10';

/** An interaction the emulator sent to the bot, and what the bot did with it so far. */
export interface InteractionRecord {
  id: string;
  token: string;
  payload: APIInteraction;
  channelId: string | null;
  guildId: string | null;
  userId: string;
  /** When it was dispatched (ms since epoch): Discord allows 3 s to acknowledge. */
  createdAt: number;
  /** The callback type the bot answered with, or `null` while unanswered. */
  responseType: number | null;
  /** The message `@original` refers to, once there is one. */
  originalMessageId: string | null;
  /** For component interactions: the message the component is on. */
  sourceMessageId: string | null;
}
