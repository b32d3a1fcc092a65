import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { BoundedLog } from '../state/bounded-log.js';

/** What kind of visible thing the bot did. */
export type BotOutputKind =
  /** A new message: channel message, interaction reply, or followup. */
  | 'create'
  /** An edit: editReply after a deferral, update of a component's message, a message edit. */
  | 'edit'
  /** A deferral (`deferReply`, `deferUpdate`): not a message yet. */
  | 'defer'
  /** A modal shown in answer to an interaction. */
  | 'modal'
  /** Autocomplete choices. */
  | 'autocomplete';

/** One thing the bot did that a test can await. */
export interface BotOutput {
  seq: number;
  kind: BotOutputKind;
  channelId: string | null;
  /** The interaction this answers, or `null` for plain channel messages. */
  interactionId: string | null;
  message?: APIMessage;
  modal?: APIModalInteractionResponseCallbackData;
  choices?: APIApplicationCommandOptionChoice[];
}

/**
 * The append-only log of the bot's outputs. Actions remember the log's length when they start
 * and scan from there, so a reply sent before anyone awaited it is never missed.
 */
export class OutputLog {
  readonly #entries: BoundedLog<BotOutput>;
  readonly #listeners = new Set<(output: BotOutput) => void>();

  /** Keeps the last `limit` outputs, so a long `zoryx dev --offline` session stays bounded. */
  public constructor(limit = 10_000) {
    this.#entries = new BoundedLog(limit);
  }

  /** The number of outputs so far; the start position of a new action. */
  public get length(): number {
    return this.#entries.dropped + this.#entries.length;
  }

  /** Appends an output and wakes every waiter. */
  public push(output: Omit<BotOutput, 'seq'>): void {
    // Snapshot: messages are edited in place later, but each output shows them as they were.
    const snapshot: BotOutput = { ...output, seq: this.length };
    if (output.message) snapshot.message = structuredClone(output.message);
    this.#entries.push(snapshot);
    for (const listener of [...this.#listeners]) listener(snapshot);
  }

  /** The outputs from position `from` on. */
  public since(from: number): BotOutput[] {
    return this.#entries.slice(from - this.#entries.dropped);
  }

  /**
   * Calls `listener` with each pushed output until the returned function is called. Waiters
   * check only the new output: rescanning everything since they started made each push cost
   * O(waiters × outputs), which collapsed a load generator with thousands of pending replies.
   */
  public subscribe(listener: (output: BotOutput) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
