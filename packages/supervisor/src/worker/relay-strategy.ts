// The worker's discord.js client gets its gateway from this `@discordjs/ws` sharding strategy
// (client option `ws.buildStrategy`): instead of opening sockets it replays the supervisor's
// session as the events a real shard would emit on the manager (dispatch, ready, hello, resumed,
// closed, heartbeat), and forwards the client's gateway sends to the supervisor.
import { Collection } from '@discordjs/collection';
import type {
  IShardingStrategy,
  SessionInfo,
  WebSocketManager,
  WebSocketShardStatus,
} from '@discordjs/ws';
import type { GatewaySendPayload } from 'discord-api-types/v10';
import { SupervisorError } from '../errors.js';
import type { DispatchMessage, ShardEventMessage } from '../protocol.js';
import type { RelayChannel, StreamReceiver } from './relay-channel.js';
// Values typed by @discordjs/ws, not imported from it: see shard-constants.ts.
import { ShardStatus, ShardEvents as WebSocketShardEvents } from './shard-constants.js';

/** See the file comment. Built by `relay.clientOptions().ws.buildStrategy`. */
export class RelayStrategy implements IShardingStrategy, StreamReceiver {
  readonly #manager: WebSocketManager;
  readonly #channel: RelayChannel;
  readonly #status = new Collection<number, WebSocketShardStatus>();
  readonly #lastS = new Map<number, number>();
  readonly #session = new Map<number, SessionInfo>();
  #connecting: { pending: Set<number>; done: () => void } | null = null;

  /** Called by the manager's constructor (through `buildStrategy`). */
  public constructor(manager: WebSocketManager, channel: RelayChannel) {
    this.#manager = manager;
    this.#channel = channel;
    // The manager asks GET /gateway/bot before connecting; the supervisor already did. Seeding its
    // (private) cache saves the worker a REST call per start. Should the field be renamed upstream
    // the manager simply fetches, which works too.
    Reflect.set(manager, 'gatewayInformation', {
      data: channel.session.gatewayInfo,
      expiresAt: Number.POSITIVE_INFINITY,
    });
  }

  /** Registers the shards; they must be ones the supervisor holds. */
  public spawn(shardIds: number[]): void {
    const held = new Set(this.#channel.session.shardIds);
    const foreign = shardIds.filter((id) => !held.has(id));
    if (foreign.length > 0) {
      throw new SupervisorError(
        'ZRX_SUPERVISOR_OPTIONS_INVALID',
        `The worker's client asks for shard(s) ${foreign.join(', ')}, the supervisor holds ${[...held].join(', ')}.`,
        'Build the client from relay.clientOptions() and do not override `shards` or `shardCount`.',
      );
    }
    for (const id of shardIds) this.#status.set(id, ShardStatus.Idle);
  }

  /** Asks the supervisor for the session; resolves once every shard is ready. */
  public connect(): Promise<void> {
    const shardIds = [...this.#status.keys()];
    for (const id of shardIds) this.#status.set(id, ShardStatus.Connecting);
    this.#channel.attach(this);
    const ready = new Promise<void>((done) => {
      this.#connecting = { pending: new Set(shardIds), done };
    });
    this.#channel.post({ t: 'connect', shardIds });
    return ready;
  }

  /**
   * The client is done with the gateway (its `destroy()`): stop relaying to it. The session stays
   * with the supervisor, which ends it only when it closes itself.
   */
  public destroy(): void {
    for (const id of this.#status.keys()) this.#status.set(id, ShardStatus.Idle);
    this.#channel.detach(this);
    this.#connecting?.done();
    this.#connecting = null;
  }

  /**
   * Asks the supervisor to reconnect one shard of its session with a RESUME (the shard monitor's
   * `shardreset`); the shard's `closed` and `resumed` events follow on this manager. False for a
   * shard this worker's client does not have.
   */
  public reconnect(shardId: number): boolean {
    if (!this.#status.has(shardId)) return false;
    this.#channel.post({ t: 'reconnect', shardId });
    return true;
  }

  /** Forwards a gateway send (presence, member requests, voice state) to the supervisor. */
  public send(shardId: number, payload: GatewaySendPayload): void {
    this.#channel.post({ t: 'send', shardId, payload });
  }

  /** The shards' statuses as the relayed events left them. */
  public fetchStatus(): Collection<number, WebSocketShardStatus> {
    return this.#status.clone();
  }

  /** A gateway dispatch from the supervisor. */
  public onDispatch(message: DispatchMessage): void {
    const { shardId, seq, data } = message;
    if ((this.#status.get(shardId) ?? ShardStatus.Idle) === ShardStatus.Idle) return;
    if (seq > 0) this.#channel.acknowledge(seq);
    if (data.s > (this.#lastS.get(shardId) ?? 0)) this.#lastS.set(shardId, data.s);
    this.#manager.emit(WebSocketShardEvents.Dispatch, { data, shardId });
  }

  /** A shard lifecycle event from the supervisor. */
  public onShardEvent(message: ShardEventMessage): void {
    const { shardId, seq } = message;
    if ((this.#status.get(shardId) ?? ShardStatus.Idle) === ShardStatus.Idle) return;
    if (seq > 0) this.#channel.acknowledge(seq);
    const m = this.#manager;
    switch (message.event) {
      case 'hello':
        this.#status.set(shardId, ShardStatus.Connecting);
        m.emit(WebSocketShardEvents.Hello, { shardId });
        break;
      case 'ready': {
        this.#status.set(shardId, ShardStatus.Ready);
        const data = message.data;
        this.#session.set(shardId, {
          sessionId: data.session_id,
          resumeURL: data.resume_gateway_url,
          sequence: this.#lastS.get(shardId) ?? 0,
          shardId,
          shardCount: this.#channel.session.shardCount,
        });
        this.#publishSession(shardId);
        m.emit(WebSocketShardEvents.Ready, { data, shardId });
        this.#shardReady(shardId);
        break;
      }
      case 'resumed':
        this.#status.set(shardId, ShardStatus.Ready);
        this.#publishSession(shardId);
        m.emit(WebSocketShardEvents.Resumed, { shardId });
        this.#shardReady(shardId);
        break;
      case 'closed':
        this.#status.set(shardId, ShardStatus.Connecting);
        // discord.js reads the session on the next HELLO to tell a resume from a new identify.
        this.#publishSession(shardId);
        m.emit(WebSocketShardEvents.Closed, { code: message.code, shardId });
        break;
      case 'heartbeat':
        m.emit(WebSocketShardEvents.HeartbeatComplete, {
          ackAt: Date.now(),
          heartbeatAt: message.heartbeatAt,
          latency: message.latency,
          shardId,
        });
        break;
      case 'error':
        m.emit(WebSocketShardEvents.Error, { error: new Error(message.message), shardId });
        break;
    }
  }

  // discord.js keeps its own copy of the session (`shard.sessionInfo`, used by its RESUMED
  // handler) through the manager's updateSessionInfo option.
  #publishSession(shardId: number): void {
    const session = this.#session.get(shardId);
    if (!session) return;
    const current = { ...session, sequence: this.#lastS.get(shardId) ?? session.sequence };
    this.#session.set(shardId, current);
    void this.#manager.options.updateSessionInfo(shardId, current);
  }

  #shardReady(shardId: number): void {
    const connecting = this.#connecting;
    if (!connecting) return;
    connecting.pending.delete(shardId);
    if (connecting.pending.size > 0) return;
    this.#connecting = null;
    connecting.done();
  }
}
