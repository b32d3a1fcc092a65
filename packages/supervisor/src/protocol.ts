// The relay protocol between the supervisor (which holds the gateway session) and the worker
// (which runs the bot). Every message is plain JSON-able data with a version, so the same seam
// can later be stretched across processes or machines (e.g. Redis streams) instead of a
// `worker_threads` MessagePort. Both ends validate what they receive (protocol-parse.ts).
import type {
  APIGatewayBotInfo,
  GatewayDispatchPayload,
  GatewayReadyDispatchData,
  GatewaySendPayload,
} from 'discord-api-types/v10';
import type { RelayLagCounts } from './relay-lag.js';

/** The protocol version; a message with another `v` is refused with `ZRX_SUPERVISOR_PROTOCOL_VERSION`. */
export const PROTOCOL_VERSION = 2;

/** A JSON value: what a log message's `data` may hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** An error reduced to data, for `failed` messages. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

// ---------------------------------------------------------------------------------------------
// Supervisor → worker

/**
 * A gateway dispatch (opcode 0 frame, as `@discordjs/ws` parsed it) for one shard.
 *
 * `seq` is the relay's own sequence number (one counter for every shard), not the gateway's
 * `data.s`. Stream events have `seq > 0` and the worker acknowledges them once it handed them to
 * discord.js; the supervisor replays unacknowledged ones to the next worker after a restart.
 * `seq === 0` marks the synthesized session state a new worker starts from (READY and one
 * GUILD_CREATE per guild), which is never acknowledged.
 */
export interface DispatchMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'dispatch';
  shardId: number;
  seq: number;
  data: GatewayDispatchPayload;
  /** When the supervisor received it from the gateway (see {@link FrameMessage.at}). */
  at?: number;
}

/**
 * A gateway dispatch as the text of its frame, exactly as the gateway sent it: what the
 * supervisor relays for every dispatch it received as a text frame (all but the snapshot it
 * synthesizes). The worker parses `text` when it hands the event to discord.js, and treats it as
 * the {@link DispatchMessage} it parses to. Why text: a worker thread then receives one string
 * (a copy) instead of an object graph that `postMessage` serializes field by field on the
 * supervisor's thread and rebuilds on the worker's, the relay's largest cost per event; and the
 * text is what a transport between processes carries anyway. `seq` as in {@link DispatchMessage}.
 */
export interface FrameMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'frame';
  shardId: number;
  seq: number;
  /** The frame's JSON text: an object with `op` 0, a string `t`, `s` and `d`. */
  text: string;
  /**
   * When the supervisor received the frame, ms on a clock the process's threads share
   * (`performance.timeOrigin + performance.now()`): the worker counts the relay's lag from it
   * (relay-lag.ts). Absent on what the supervisor synthesizes (a new worker's snapshot).
   */
  at?: number;
}

/**
 * A shard lifecycle event of the supervisor's session, re-emitted on the worker's
 * `@discordjs/ws` manager so discord.js keeps its shard status and ping: `hello`, `ready` (with
 * the READY data), `resumed`, `closed` (with the close code), `heartbeat` (latency) and `error`.
 * `seq` as in {@link DispatchMessage}: these travel in the same ordered stream.
 */
export type ShardEventMessage = {
  v: typeof PROTOCOL_VERSION;
  t: 'shard';
  shardId: number;
  seq: number;
} & (
  | { event: 'hello' }
  | { event: 'ready'; data: GatewayReadyDispatchData }
  | { event: 'resumed' }
  | { event: 'closed'; code: number }
  | { event: 'heartbeat'; latency: number; heartbeatAt: number }
  | { event: 'error'; message: string }
);

/** A message of the ordered session stream: a dispatch (parsed or as text) or a shard event. */
export type StreamMessage = DispatchMessage | FrameMessage | ShardEventMessage;

/**
 * Several stream messages in one transport message, in stream order: what the supervisor posts
 * when events arrived together (one socket read of the gateway, a buffer delivered to a worker
 * that just became ready, a snapshot). The worker treats it exactly as the same messages posted
 * one by one — each handed to discord.js in its own macrotask, acknowledged as it is handed over —
 * but the transport is crossed (and the worker woken) once per batch rather than once per event.
 * Never empty; never nested.
 */
export interface BatchMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'batch';
  messages: StreamMessage[];
}

/** Asks the worker to shut the bot down gracefully (`bot.shutdown(reason)`), then report `stopped`. */
export interface ShutdownMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'shutdown';
  reason: string;
}

/**
 * Runs the entry's function. A worker imports its entry as soon as it is spawned, then waits for
 * this: so a standby worker, spawned ahead of need, already has its modules loaded when it
 * replaces a failed one.
 */
export interface StartMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'start';
  /** Why this worker is started: `initial`, or why the previous one was replaced. */
  reason: string;
  /** The session the worker's client joins (known only once the supervisor asked Discord). */
  session: WorkerSession;
}

/**
 * The gateway session as a worker needs it: the shards it holds and GET /gateway/bot. Sent with
 * {@link StartMessage} rather than at spawn, so the first worker can load its modules while the
 * supervisor still asks Discord for the gateway.
 */
export interface WorkerSession {
  shardIds: number[];
  shardCount: number;
  /** GET /gateway/bot as the supervisor saw it, so the worker never asks for it again. */
  gatewayInfo: APIGatewayBotInfo;
}

/** Everything the supervisor sends a worker. */
export type SupervisorMessage =
  | DispatchMessage
  | FrameMessage
  | ShardEventMessage
  | BatchMessage
  | StartMessage
  | ShutdownMessage;

// ---------------------------------------------------------------------------------------------
// Worker → supervisor

/** The worker's relay strategy connects: the supervisor answers with the session state. */
export interface ConnectMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'connect';
  shardIds: number[];
}

/**
 * A gateway send (presence update, request guild members, voice state…) for the supervisor to
 * forward on its session. IDENTIFY, RESUME and HEARTBEAT are refused: the session is the
 * supervisor's (`ZRX_SUPERVISOR_SEND_REFUSED`).
 */
export interface SendMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'send';
  shardId: number;
  payload: GatewaySendPayload;
}

/** The entry module is imported; the worker waits for {@link StartMessage}. */
export interface LoadedMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'loaded';
  /** Milliseconds from the worker's first line to the entry imported. */
  loadMs: number;
}

/** The bot is serving: the entry's function resolved. Buffered events are delivered now. */
export interface ReadyMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'ready';
  /** Milliseconds from the start message to the entry's function resolving. */
  bootMs: number;
}

/**
 * Liveness and health, every 500 ms from a timer on the worker's event loop (a blocked loop
 * sends none). In a thread the supervisor watches a shared-memory counter instead (immediate,
 * even while its own loop is busy); the message carries the stats and is the liveness signal for
 * transports without shared memory.
 */
export interface HeartbeatMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'heartbeat';
  /** The highest stream `seq` handed to discord.js so far. */
  consumed: number;
  /** V8 heap in use and its limit, bytes. */
  heapUsed: number;
  heapLimit: number;
  /**
   * The relay's lag of the live events received (`arrival`) and handed to discord.js (`handoff`)
   * since the last heartbeat: counts by bucket (`LAG_BUCKETS` each, relay-lag.ts); absent when
   * there were none.
   */
  lag?: RelayLagCounts;
}

/** A log line from the worker's runtime (not the bot's own logger, which writes on its own). */
export interface LogMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'log';
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: { [key: string]: JsonValue };
}

/** The entry could not be loaded (`phase: 'load'`) or its function threw (`phase: 'start'`). */
export interface FailedMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'failed';
  phase: 'load' | 'start';
  error: SerializedError;
}

/** The graceful shutdown asked for by {@link ShutdownMessage} finished. */
export interface StoppedMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'stopped';
}

/**
 * Asks the supervisor to reconnect one shard of its session (the shard monitor's `shardreset`):
 * it closes the shard's socket (4200) and RESUMEs the session, so no IDENTIFY; the worker sees
 * the shard's `closed` and `resumed` events. A shard the session does not hold is refused with a
 * `ZRX_SUPERVISOR_SEND_REFUSED` warning.
 */
export interface ReconnectMessage {
  v: typeof PROTOCOL_VERSION;
  t: 'reconnect';
  shardId: number;
}

/** Everything a worker sends the supervisor. */
export type WorkerMessage =
  | LoadedMessage
  | ConnectMessage
  | SendMessage
  | ReconnectMessage
  | ReadyMessage
  | HeartbeatMessage
  | LogMessage
  | FailedMessage
  | StoppedMessage;

/**
 * What a worker is started with (its `workerData`, next to the shared-memory slots). JSON-able:
 * a remote worker would receive it as its first message.
 */
export interface WorkerInit {
  v: typeof PROTOCOL_VERSION;
  /** URL of the module the worker runs (`file:` URL string). */
  entry: string;
  /** 1 for the first worker, +1 for every one spawned after it (standbys included). */
  workerId: number;
  intents: number;
  /** REST base for the worker's discord.js client (`rest.api`), when not Discord's. */
  apiBase?: string;
}
