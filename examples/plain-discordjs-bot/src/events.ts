/**
 * The bot's own typed event map. A standalone program passes it to `new HookBus<CounterEvents>()`
 * instead of augmenting the framework's global `HookEvents`: a wrong event name or payload is a
 * compile error, and nothing leaks into other programs that use `@zoryx/hooks`.
 *
 * Payloads are plain data (ids as strings), so listeners never hold discord.js objects.
 */
export interface CounterEvents {
  /** A guild message was counted and persisted. */
  message_counted: {
    readonly guildId: string;
    readonly channelId: string;
    readonly userId: string;
    /** The member's message count in this guild, this message included. */
    readonly count: number;
  };
  /** A member's count crossed a level threshold. */
  level_up: {
    readonly guildId: string;
    readonly channelId: string;
    readonly userId: string;
    readonly level: number;
    readonly count: number;
  };
}

/** The level reached after `count` messages: one level per `messagesPerLevel` messages. */
export function levelFor(count: number, messagesPerLevel: number): number {
  return Math.floor(count / messagesPerLevel);
}
