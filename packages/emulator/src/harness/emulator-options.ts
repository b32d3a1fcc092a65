import type { RateLimitOptions } from '../rest/rate-limits.js';

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** The bot token clients must log in with; generated when omitted. */
  token?: string;
  /** The bot's username (default `'Zoryx Bot'`). */
  botUsername?: string;
  /** How long `.reply()` and friends wait before rejecting, in ms (default 5,000). */
  replyTimeout?: number;
  /**
   * How long the bot has to acknowledge an interaction, in ms, after which the callback answers
   * 10062 Unknown interaction as Discord does (default 3,000; `false` disables the check).
   */
  interactionAckTimeout?: number | false;
  /** The HELLO heartbeat interval in ms (default 41,250, Discord's). */
  heartbeatInterval?: number;
  /**
   * How much of a disconnected session is kept for RESUME. Discord replays "any lost events"
   * to a session that resumes in time and answers INVALID_SESSION (op 9, `d: false`) to one that
   * did not, without publishing a size; the emulator bounds it explicitly so a test can show
   * what happens past it. See {@link ResumeBufferOptions}.
   */
  resume?: ResumeBufferOptions;
  /**
   * Privileged intents enabled for the application (default: all three). IDENTIFY with a
   * privileged intent not listed here is refused with close code 4014, as on Discord.
   */
  privilegedIntents?: readonly ('GuildMembers' | 'GuildPresences' | 'MessageContent')[];
  /**
   * Rate limits to enforce (default: none): per-route buckets answered with Discord's headers
   * and 429s, and Discord's creation budget (roles/channels per guild per window).
   */
  rateLimits?: RateLimitOptions;
}

/**
 * The discord.js client options that point a client at the emulator; spread them into
 * `new Client({ intents, ...discord.clientOptions() })`. Structural, so the emulator does not
 * depend on discord.js.
 */
export interface EmulatorClientOptions {
  rest: {
    /** `http://127.0.0.1:<port>/api` — discord.js appends `/v10/...`. */
    api: string;
    /** `http://127.0.0.1:<port>/cdn` — emoji, sticker, role icon and guild images. */
    cdn: string;
    /** Emulator answers are local and unlimited; no client-side global throttling. */
    globalRequestsPerSecond: number;
    /** Keeps a slow CI machine from turning into REST timeouts. */
    timeout: number;
    /** No retries of 5xx answers: the emulator's are never transient. */
    retries: number;
  };
}

/**
 * The RESUME replay buffer of every gateway session (option `resume` of {@link startEmulator}).
 *
 * @remarks Discord documents that a resumed session gets the missed events replayed in order,
 * ending with RESUMED, that a session closed without 1000/1001 "remains active and times out after
 * a few minutes", and that a client that "won't reconnect in time" gets INVALID_SESSION; it does
 * not publish a size for the replay buffer. The emulator keeps both limits explicit and on the
 * strict side: a bot that resumes within them here resumes on Discord.
 */
export interface ResumeBufferOptions {
  /**
   * Dispatches kept per session for replay (default 2,000). A RESUME whose `seq` is older than
   * the oldest kept dispatch is refused with INVALID_SESSION (`d: false`): the client must
   * IDENTIFY again, and what it missed is lost.
   */
  backlog?: number;
  /**
   * How long a session without a socket stays resumable, ms (default 180,000: Discord's "a few
   * minutes"); after that a RESUME gets INVALID_SESSION.
   */
  windowMs?: number;
}
