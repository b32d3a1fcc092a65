import type { TriggerEvent } from '../model/trigger-schema.js';

/** The member an event is about, as conditions and permission checks see it. */
export interface MemberFacts {
  readonly roleIds: readonly string[];
  /** Position of the member's highest role (0 = only @everyone). */
  readonly highestPosition: number;
  /** Guild-wide permission bits. */
  readonly permissions: bigint;
  /** When the account was created (ms since epoch). */
  readonly accountCreatedAt: number;
}

/**
 * One event as rules see it: plain data, so matching, conditions and dry runs need no Discord
 * objects (a synthetic event for `rules test` is just this shape).
 */
export interface EventFacts {
  readonly event: TriggerEvent | 'schedule';
  readonly guildId: string;
  /** When it happened (ms since epoch). */
  readonly at: number;
  readonly userId?: string;
  readonly username?: string;
  readonly isBot?: boolean;
  readonly channelId?: string;
  readonly channelName?: string;
  readonly messageId?: string;
  readonly content?: string;
  /** Reactions: the emoji's name (unicode or custom name) and id (custom only). */
  readonly emojiName?: string;
  readonly emojiId?: string;
  /** Components: the custom id. */
  readonly customId?: string;
  /** `hook` events: the name and data given to `emit_hook`. */
  readonly hook?: string;
  readonly hookData?: string;
  /** `hook` events: how deeply rules have nested so far (carried across the bus). */
  readonly depth?: number;
  readonly member?: MemberFacts;
}
