import type { Guild, Message, PartialMessage, RepliableInteraction } from 'discord.js';
import type { AutomationStore } from '../storage/automation-store.js';

/** The Discord objects behind one event, for the actions that answer them (never persisted). */
export interface LiveEvent {
  readonly message?: Message | PartialMessage;
  readonly interaction?: RepliableInteraction;
}

/** What the Discord actions need besides the event. */
export interface DiscordActionEnv {
  readonly guild: Guild;
  readonly store: AutomationStore;
  readonly live: LiveEvent;
  /** Emits an `automation_hook` on the bus (rules with a `hook` trigger run). */
  emitHook(name: string, data: string, depth: number): Promise<void>;
  readonly now: () => number;
}
