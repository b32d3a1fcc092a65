import type { BusEvent } from '../bus/wire.js';

/** What the worker's REST client reports for each response (discord.js `rest.on('response')`). */
interface RestRequestLike {
  path: string;
  data?: { body?: unknown };
}

/**
 * Holds a work event's acknowledgement until the bot answered it: an interaction until its
 * callback (or `interactionMs`, Discord's 3 s deadline), a user's message until a reply that
 * references it (or `messageMs`, as most messages are no command). Without this, a worker
 * killed between receiving an event and answering it would have acknowledged it already.
 */
export class AnswerTracker {
  readonly #waiting = new Map<string, () => void>();
  readonly #interactionMs: number;
  readonly #messageMs: number;

  public constructor(options: { interactionMs?: number; messageMs?: number } = {}) {
    this.#interactionMs = options.interactionMs ?? 3_000;
    this.#messageMs = options.messageMs ?? 1_000;
  }

  /** Resolves when the bot answered `event`, or at its deadline; at once for other events. */
  public settled(event: BusEvent): Promise<void> | undefined {
    const data = event.data as { id?: unknown; author?: { bot?: unknown } } | null;
    if (typeof data?.id !== 'string') return undefined;
    let key: string;
    let ms: number;
    if (event.type === 'INTERACTION_CREATE') {
      key = `i:${data.id}`;
      ms = this.#interactionMs;
    } else if (event.type === 'MESSAGE_CREATE' && data.author?.bot !== true) {
      key = `m:${data.id}`;
      ms = this.#messageMs;
    } else {
      return undefined;
    }
    return new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.#waiting.delete(key);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.#waiting.set(key, finish);
    });
  }

  /** Feed every REST response of the bot's client here. */
  public onResponse(request: RestRequestLike): void {
    const interaction = /^\/interactions\/(\d+)\//.exec(request.path);
    if (interaction) this.#waiting.get(`i:${interaction[1]}`)?.();
    const body = request.data?.body as { message_reference?: { message_id?: unknown } } | undefined;
    const ref = body?.message_reference?.message_id;
    if (typeof ref === 'string') this.#waiting.get(`m:${ref}`)?.();
  }
}
