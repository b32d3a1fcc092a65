import type { BusEvent } from '../bus/wire.js';
import { ClusterError } from '../errors.js';

/** What the worker's REST client reports for each response (discord.js `rest.on('response')`). */
interface RestRequestLike {
  path: string;
  data?: { body?: unknown };
}

/** The part of a bot client the tracker listens to (the framework's Sapphire client). */
interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Sapphire events after which a user's message needs nothing more from the bot. Not
 * `commandDoesNotHaveMessageCommandHandler`: that is where the framework *starts* a prefix
 * invocation of a slash-style command (its prefix fallback), which then ends with
 * `messageCommandSuccess` / `…Error` / `…Denied`.
 */
const MESSAGE_DONE = [
  'nonPrefixedMessage',
  'messageCommandFinish',
  'messageCommandSuccess',
  'messageCommandError',
  'messageCommandDenied',
  'unknownMessageCommandName',
  'unknownMessageCommand',
];
/** Sapphire events after which an interaction needs nothing more from the bot. */
const INTERACTION_DONE = [
  'chatInputCommandFinish',
  'chatInputCommandSuccess',
  'chatInputCommandError',
  'chatInputCommandDenied',
  'unknownChatInputCommand',
];
/** Early notes kept for events not registered yet (bounded). */
const EARLY_MAX = 1_000;

/** The id of the message or interaction a Sapphire event's arguments are about. */
function subjectId(args: unknown[], field: 'message' | 'interaction'): string | undefined {
  for (const arg of args) {
    if (typeof arg !== 'object' || arg === null) continue;
    const inner = (arg as Record<string, unknown>)[field] as { id?: unknown } | undefined;
    if (typeof inner?.id === 'string') return inner.id;
    const own = (arg as { id?: unknown; channelId?: unknown }).id;
    if (typeof own === 'string' && 'channelId' in arg) return own;
  }
  return undefined;
}

/**
 * Holds a work event's acknowledgement until the bot is done with it, so a worker killed
 * between receiving an event and answering it has not acknowledged it yet (another worker
 * claims it). An interaction: until its callback got a response, or the framework finished,
 * denied or did not know the command (`interactionMs` at most). A user's message: until a reply
 * that references it, or the framework finished, denied or did not know the command; a message
 * without the bot's prefix is done at once; `messageMs` at most before the framework has parsed
 * it, `commandMs` at most once it carries a prefix (a command answered late under load is still
 * held, not acknowledged at a short deadline and lost with its worker).
 */
export class AnswerTracker {
  readonly #waiting = new Map<
    string,
    { finish: () => void; extend: (ms: number) => void; release: (error: Error) => void }
  >();
  /** Set once the worker stops: what is still held is given back, and new events at once. */
  #released: ClusterError | undefined;
  /** Keys the framework finished or marked as commands before `settled` registered them. */
  readonly #early = new Map<string, 'done' | 'command'>();
  readonly #interactionMs: number;
  readonly #messageMs: number;
  readonly #commandMs: number;

  public constructor(
    options: { interactionMs?: number; messageMs?: number; commandMs?: number } = {},
  ) {
    this.#interactionMs = options.interactionMs ?? 15_000;
    this.#messageMs = options.messageMs ?? 1_000;
    this.#commandMs = options.commandMs ?? 15_000;
  }

  /** Resolves when the bot is done with `event`, or at its deadline; at once for other events. */
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
    const early = this.#early.get(key);
    this.#early.delete(key);
    if (early === 'done') return undefined;
    if (this.#released) return Promise.reject(this.#released);
    if (early === 'command') ms = this.#commandMs;
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const finish = () => {
        clearTimeout(timer);
        this.#waiting.delete(key);
        resolve();
      };
      const extend = (longer: number) => {
        clearTimeout(timer);
        timer = setTimeout(finish, longer);
      };
      const release = (error: Error) => {
        clearTimeout(timer);
        this.#waiting.delete(key);
        reject(error);
      };
      timer = setTimeout(finish, ms);
      this.#waiting.set(key, { finish, extend, release });
    });
  }

  /**
   * The worker is stopping: every event still held (the bot has not finished it) and every
   * event registered from now on is given back — its `settled` promise rejects with
   * `ZRX_CLUSTER_WORK_RELEASED`, so the bus leaves it unacknowledged and another worker claims
   * it. Without this a rolling restart waited out each held event's deadline (up to 15 s).
   */
  public release(): void {
    this.#released ??= new ClusterError(
      'ZRX_CLUSTER_WORK_RELEASED',
      'The worker is stopping: unfinished commands are left for another worker.',
    );
    for (const waiting of [...this.#waiting.values()]) waiting.release(this.#released);
  }

  /** How many events are held now (the bot has not finished them). */
  public get held(): number {
    return this.#waiting.size;
  }

  /**
   * Feed every REST response of the bot's client here, with its status. A 429 or a 5xx is not
   * an answer: the REST client retries it, and a worker killed before the retry must not have
   * acknowledged the event already.
   */
  public onResponse(request: RestRequestLike, status = 200): void {
    if (status === 429 || status >= 500) return;
    const interaction = /^\/interactions\/(\d+)\//.exec(request.path);
    if (interaction) this.#waiting.get(`i:${interaction[1]}`)?.finish();
    const body = request.data?.body as { message_reference?: { message_id?: unknown } } | undefined;
    const ref = body?.message_reference?.message_id;
    if (typeof ref === 'string') this.#waiting.get(`m:${ref}`)?.finish();
  }

  /** Listens to the framework's command events of `client` (a Sapphire client). */
  public watch(client: EventSource): void {
    client.on('prefixedMessage', (...args) => {
      const id = subjectId(args, 'message');
      if (id !== undefined) this.#note(`m:${id}`, 'command');
    });
    for (const name of MESSAGE_DONE) {
      client.on(name, (...args) => {
        const id = subjectId(args, 'message');
        if (id !== undefined) this.#note(`m:${id}`, 'done');
      });
    }
    for (const name of INTERACTION_DONE) {
      client.on(name, (...args) => {
        const id = subjectId(args, 'interaction');
        if (id !== undefined) this.#note(`i:${id}`, 'done');
      });
    }
  }

  #note(key: string, what: 'done' | 'command'): void {
    const waiting = this.#waiting.get(key);
    if (waiting) {
      if (what === 'done') waiting.finish();
      else waiting.extend(this.#commandMs);
      return;
    }
    this.#early.set(key, what);
    if (this.#early.size > EARLY_MAX) this.#early.delete(this.#early.keys().next().value!);
  }
}
