import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { BoundedLog } from '../state/bounded-log.js';
import { cloneData } from '../state/clone.js';

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

/** A waiter's listener. */
type OutputListener = (output: BotOutput) => void;

/**
 * Which outputs a waiter hears: those answering interaction `interactionId`, and the plain
 * messages (no interaction) in channel `channelId`. `null` hears none of that kind.
 */
export interface OutputInterest {
  interactionId: string | null;
  channelId: string | null;
}

/**
 * The append-only log of the bot's outputs. Actions remember the log's length when they start
 * and scan from there, so a reply sent before anyone awaited it is never missed.
 */
export class OutputLog {
  readonly #entries: BoundedLog<BotOutput>;
  readonly #byInteraction = new Map<string, Set<OutputListener>>();
  readonly #byChannel = new Map<string, Set<OutputListener>>();

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
    if (output.message) snapshot.message = cloneData(output.message);
    this.#entries.push(snapshot);
    const listeners =
      snapshot.interactionId !== null
        ? this.#byInteraction.get(snapshot.interactionId)
        : snapshot.channelId !== null
          ? this.#byChannel.get(snapshot.channelId)
          : undefined;
    if (listeners) for (const listener of [...listeners]) listener(snapshot);
  }

  /** The outputs from position `from` on. */
  public since(from: number): BotOutput[] {
    return this.#entries.slice(from - this.#entries.dropped);
  }

  /**
   * Calls `listener` with each pushed output it is interested in until the returned function is
   * called. Waiters hear only the new outputs of their own interaction or channel: each push
   * used to wake every pending waiter (and a rescan before that), so a load generator with
   * thousands of replies pending spent O(waiters) per output exactly when the bot fell behind.
   */
  public subscribe(listener: OutputListener, interest: OutputInterest): () => void {
    const entries: [Map<string, Set<OutputListener>>, string][] = [];
    if (interest.interactionId !== null)
      entries.push([this.#byInteraction, interest.interactionId]);
    if (interest.channelId !== null) entries.push([this.#byChannel, interest.channelId]);
    for (const [index, key] of entries) {
      let listeners = index.get(key);
      if (!listeners) {
        listeners = new Set();
        index.set(key, listeners);
      }
      listeners.add(listener);
    }
    return () => {
      for (const [index, key] of entries) {
        const listeners = index.get(key);
        listeners?.delete(listener);
        if (listeners?.size === 0) index.delete(key);
      }
    };
  }
}
