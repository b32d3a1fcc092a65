// The supervisor's end of Discord: one `@discordjs/ws` WebSocketManager holding the session of
// every shard (IDENTIFY once, RESUME after network trouble), whatever happens to the worker.
// `@discordjs/ws` is imported when the session is created (see GatewaySession.create), not with
// this module: the supervisor spawns its first worker first, so the worker's module loading and
// the supervisor's run on both cores at once. The manager's one REST call (GET /gateway/bot) goes
// through `fetch` (gatewayRest): `@discordjs/rest` and undici's package, more than half of the
// supervisor's start-up imports, are not loaded at all.
import type { REST } from '@discordjs/rest';
import type { WebSocketManager } from '@discordjs/ws';
import type {
  APIGatewayBotInfo,
  GatewayDispatchPayload,
  GatewayReadyDispatchData,
  GatewaySendPayload,
} from 'discord-api-types/v10';
import { describeError, SupervisorError } from './errors.js';
import { Opcodes as GatewayOpcodes } from './gateway-constants.js';
import { type DispatchFrame, fastDispatchStrategy } from './gateway-fast-path.js';
import type { ResolvedOptions } from './options.js';
import { resumeShard } from './shard-reconnect.js';

/** A shard lifecycle event, as the stream carries it. */
export type ShardEvent =
  | { event: 'hello' }
  | { event: 'ready'; data: GatewayReadyDispatchData }
  | { event: 'resumed' }
  | { event: 'closed'; code: number }
  | { event: 'heartbeat'; latency: number; heartbeatAt: number }
  | { event: 'error'; message: string };

/** What the session reports to the supervisor. */
export interface GatewayHandlers {
  /** A dispatch that took the library's path (READY, RESUMED, compressed frames), parsed. */
  dispatch(shardId: number, payload: GatewayDispatchPayload): void;
  /** A dispatch from the fast path: its envelope and text (gateway-fast-path.ts). */
  frame(shardId: number, frame: DispatchFrame): void;
  shard(shardId: number, event: ShardEvent): void;
  debug(shardId: number, message: string): void;
}

/** The shards a connected session holds and what GET /gateway/bot said. */
export interface GatewayLayout {
  shardIds: number[];
  shardCount: number;
  info: APIGatewayBotInfo;
}

/** Gateway opcodes a worker may send through the supervisor's session. */
const WORKER_SENDABLE = new Set<number>([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
  GatewayOpcodes.RequestSoundboardSounds,
]);

/** See the file comment. */
export class GatewaySession {
  readonly #manager: WebSocketManager;
  readonly #handlers: GatewayHandlers;
  #layout: GatewayLayout | undefined;

  /** Loads `@discordjs/ws` and prepares the manager; nothing connects before `connect()`. */
  public static async create(
    options: ResolvedOptions,
    handlers: GatewayHandlers,
  ): Promise<GatewaySession> {
    return new GatewaySession(options, handlers, await import('@discordjs/ws'));
  }

  private constructor(
    options: ResolvedOptions,
    handlers: GatewayHandlers,
    ws: typeof import('@discordjs/ws'),
  ) {
    const { WebSocketManager, WebSocketShardEvents } = ws;
    this.#handlers = handlers;
    this.#manager = new WebSocketManager({
      // Dispatches skip the library's async event chain (gateway-fast-path.ts); READY, RESUMED
      // and the rest still arrive through the Dispatch event below.
      buildStrategy: fastDispatchStrategy(ws, (shardId, frame) => handlers.frame(shardId, frame)),
      token: options.token,
      intents: options.intents,
      rest: gatewayRest(options),
      shardIds: options.shardIds ?? null,
      shardCount: options.shardCount ?? null,
      initialPresence: options.initialPresence ?? null,
      largeThreshold: options.largeThreshold ?? null,
    });
    const m = this.#manager;
    m.on(WebSocketShardEvents.Dispatch, ({ data, shardId }) => handlers.dispatch(shardId, data));
    m.on(WebSocketShardEvents.Hello, ({ shardId }) => handlers.shard(shardId, { event: 'hello' }));
    m.on(WebSocketShardEvents.Ready, ({ data, shardId }) =>
      handlers.shard(shardId, { event: 'ready', data }),
    );
    m.on(WebSocketShardEvents.Resumed, ({ shardId }) =>
      handlers.shard(shardId, { event: 'resumed' }),
    );
    m.on(WebSocketShardEvents.Closed, ({ code, shardId }) =>
      handlers.shard(shardId, { event: 'closed', code }),
    );
    m.on(WebSocketShardEvents.HeartbeatComplete, ({ latency, heartbeatAt, shardId }) =>
      handlers.shard(shardId, { event: 'heartbeat', latency, heartbeatAt }),
    );
    m.on(WebSocketShardEvents.Error, ({ error, shardId }) =>
      handlers.shard(shardId, { event: 'error', message: describeError(error) }),
    );
    m.on(WebSocketShardEvents.Debug, ({ message, shardId }) => handlers.debug(shardId, message));
  }

  /** The layout, once connected. */
  public get layout(): GatewayLayout | undefined {
    return this.#layout;
  }

  /**
   * Fetches GET /gateway/bot and settles the shards. Throws `ZRX_SUPERVISOR_GATEWAY_FAILED` (with
   * the cause) when Discord refuses, e.g. a wrong token.
   */
  public async prepare(): Promise<GatewayLayout> {
    try {
      const info = await this.#manager.fetchGatewayInformation();
      const shardIds = await this.#manager.getShardIds();
      const shardCount = await this.#manager.getShardCount();
      this.#layout = { shardIds, shardCount, info };
      return this.#layout;
    } catch (error) {
      throw error instanceof SupervisorError ? error : gatewayFailed(error);
    }
  }

  /** Connects (IDENTIFY) every shard; resolves when each is READY. */
  public async connect(): Promise<void> {
    try {
      await this.#manager.connect();
    } catch (error) {
      throw gatewayFailed(error);
    }
  }

  /**
   * Forwards a worker's gateway send. Returns false (and sends nothing) for opcodes only the
   * session's owner may send (IDENTIFY, RESUME, HEARTBEAT) or a shard this session does not hold.
   */
  public send(shardId: number, payload: GatewaySendPayload): boolean {
    if (!WORKER_SENDABLE.has(payload.op)) return false;
    if (!this.#layout?.shardIds.includes(shardId)) return false;
    Promise.resolve(this.#manager.send(shardId, payload)).catch((error: unknown) => {
      this.#handlers.debug(shardId, `send of opcode ${payload.op} failed: ${describeError(error)}`);
    });
    return true;
  }

  /**
   * Reconnects one held shard with a RESUME (close 4200, no IDENTIFY), for the worker's
   * `reconnect` message. Resolves false for a shard this session does not hold.
   */
  public async reconnect(shardId: number): Promise<boolean> {
    if (!this.#layout?.shardIds.includes(shardId)) return false;
    return resumeShard(this.#manager, shardId);
  }

  /** Closes every shard normally (the session ends). */
  public async destroy(): Promise<void> {
    await this.#manager.destroy({ code: 1000, reason: 'supervisor closed' });
  }
}

/** The REST API version the session's GET /gateway/bot uses (the manager's gateway is v10). */
const API_VERSION = 10;

/**
 * What `@discordjs/ws`'s manager needs of `rest`: `get(Routes.gatewayBot())` (its only REST
 * call, in `fetchGatewayInformation`), with Node's `fetch`. Typed as the `REST` the manager's
 * options name; any other method would be missing, which the manager (1.x) never calls.
 */
function gatewayRest(options: ResolvedOptions): REST {
  const base = (options.apiBase ?? 'https://discord.com/api').replace(/\/+$/, '');
  const rest = {
    async get(route: string): Promise<unknown> {
      const response = await fetch(`${base}/v${API_VERSION}${route}`, {
        headers: { Authorization: `Bot ${options.token}` },
      });
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).slice(0, 200);
        throw new SupervisorError(
          'ZRX_SUPERVISOR_GATEWAY_FAILED',
          `The gateway session could not be started: GET ${route} answered ${response.status} ${response.statusText}${body ? `: ${body}` : ''}`,
          'Check the token (a 401 means it is wrong), apiBase, and the intents the application may use.',
        );
      }
      return response.json();
    },
  };
  return rest as Pick<REST, 'get'> as REST;
}

function gatewayFailed(error: unknown): SupervisorError {
  return new SupervisorError(
    'ZRX_SUPERVISOR_GATEWAY_FAILED',
    `The gateway session could not be started: ${describeError(error)}`,
    'Check the token (a 401 means it is wrong), apiBase, and the intents the application may use.',
    { cause: error },
  );
}
