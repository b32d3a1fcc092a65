import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { BoundedLog } from '../state/bounded-log.js';
import { FrameBatcher } from './frame-batcher.js';
import { ALL_INTENTS, PRIVILEGED_INTENTS, requiredIntent } from './intents.js';
import { type GatewaySession, guildOnShard } from './session.js';

/** What the gateway needs from the emulated world. */
export interface GatewayWorld {
  token: string;
  /** The URL clients connect (and resume) to. */
  gatewayUrl(): string;
  heartbeatInterval: number;
  /** Dispatches kept per session for RESUME (an older `seq` gets INVALID_SESSION). */
  resumeBacklog: number;
  /** How long a session without a socket stays resumable, ms. */
  resumeWindowMs: number;
  privilegedIntents: number;
  /** The READY payload, minus session fields. */
  readyData(): Record<string, unknown>;
  /** Guild ids the bot is in. */
  guildIds(): string[];
  /** The GUILD_CREATE payload of one guild for a session with these intents. */
  guildCreate(guildId: string, intents: number): unknown;
  /** The GUILD_MEMBERS_CHUNK answering an opcode 8 request, or null for an unknown guild. */
  membersChunk(guildId: string, request: MembersRequest): unknown;
  /** Lets the world observe every dispatch sent (for `waitFor`). */
  onDispatch(event: string): void;
}

/** Per-session rewrite of a payload (stripping message content without the intent). */
export type DispatchTransform = (data: unknown, intents: number) => unknown;

/** Options of one dispatch. */
export interface DispatchOptions {
  guildId?: string | undefined;
  transform?: DispatchTransform;
}

/**
 * The gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay, intents
 * and shards honoured per session. JSON encoding; IDENTIFY compression when asked for.
 */
export class GatewayServer {
  readonly #world: GatewayWorld;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #readyWaiters = new Set<() => void>();
  readonly #batcher = new FrameBatcher();
  #readyCount = 0;
  #identifyCount = 0;

  /** Creates the gateway for a world; sockets arrive through {@link GatewayServer.handleUpgrade}. */
  public constructor(world: GatewayWorld) {
    this.#world = world;
    this.#wss.on('connection', (socket) => this.#onConnection(socket));
  }

  /** Accepts an HTTP upgrade on the gateway path. */
  public handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) =>
      this.#wss.emit('connection', ws, request),
    );
  }

  /** How many times a session became ready (READY + every GUILD_CREATE sent) or resumed. */
  public get readyCount(): number {
    return this.#readyCount;
  }

  /**
   * How many IDENTIFY frames (opcode 2) arrived, accepted or refused. RESUMEs do not count: a
   * client that keeps its session across reconnects (or a supervisor that keeps it across worker
   * restarts) leaves this at 1.
   */
  public get identifyCount(): number {
    return this.#identifyCount;
  }

  /** Resolves once a session is ready (now, if one already is). */
  public whenReady(): Promise<void> {
    if (this.connectedSessions().length > 0 && this.#readyCount > 0) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.add(resolve));
  }

  /** Sessions with an open socket. */
  public connectedSessions(): GatewaySession[] {
    return [...this.#sessions.values()].filter((session) => session.socket !== null);
  }

  /**
   * Sends an event to every session whose intents and shard allow it; sessions whose socket
   * dropped keep it in their backlog for RESUME.
   */
  public dispatch(event: string, data: unknown, options: DispatchOptions = {}): void {
    const intent = requiredIntent(event, options.guildId !== undefined);
    for (const session of this.#sessions.values()) {
      if (intent !== null && (session.intents & intent) === 0) continue;
      if (
        options.guildId !== undefined &&
        !guildOnShard(options.guildId, session.shardId, session.shardCount)
      ) {
        continue;
      }
      const payload = options.transform ? options.transform(data, session.intents) : data;
      this.#sendDispatch(session, event, payload);
    }
    this.#world.onDispatch(event);
  }

  /** Drops every socket without a close frame, as a network failure would; sessions stay resumable. */
  public dropConnections(): void {
    // What was sent before the drop reached the client (as it would have over a real network).
    this.#batcher.flush();
    for (const session of this.#sessions.values()) {
      session.socket?.terminate();
      if (session.socket) session.detachedAt = Date.now();
      session.socket = null;
    }
  }

  /** Asks every client to reconnect and resume (opcode 7). */
  public requestReconnect(): void {
    for (const session of this.connectedSessions()) {
      this.#send(session.socket, session, { op: GatewayOpcodes.Reconnect, d: null });
    }
  }

  /** Invalidates every session (opcode 9, not resumable): clients identify again. */
  public invalidateSessions(): void {
    for (const session of this.#sessions.values()) {
      if (session.socket)
        this.#send(session.socket, session, { op: GatewayOpcodes.InvalidSession, d: false });
    }
    this.#sessions.clear();
  }

  /** Closes every socket and the server. */
  public async close(): Promise<void> {
    this.#batcher.flush();
    for (const session of this.#sessions.values()) session.socket?.terminate();
    this.#sessions.clear();
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #onConnection(socket: WebSocket): void {
    let session: GatewaySession | null = null;
    this.#send(socket, null, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.#world.heartbeatInterval },
    });
    socket.on('message', (raw: RawData) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(raw.toString()) as { op?: number; d?: unknown };
      } catch {
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      switch (payload.op) {
        case GatewayOpcodes.Heartbeat:
          this.#send(socket, session, { op: GatewayOpcodes.HeartbeatAck });
          break;
        case GatewayOpcodes.Identify:
          this.#identifyCount += 1;
          if (session) {
            socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
            return;
          }
          session = this.#identify(socket, payload.d as IdentifyData);
          break;
        case GatewayOpcodes.Resume:
          session = this.#resume(socket, payload.d as ResumeData);
          break;
        case GatewayOpcodes.RequestGuildMembers:
          if (!session) socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          else this.#requestMembers(session, payload.d as MembersRequest);
          break;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.VoiceStateUpdate:
          if (!session) socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
          break;
        default:
          socket.close(GatewayCloseCodes.UnknownOpcode, `Unknown opcode ${String(payload.op)}.`);
      }
    });
    socket.on('close', (code: number) => {
      if (!session || session.socket !== socket) return;
      session.socket = null;
      session.detachedAt = Date.now();
      // Discord ends a session closed normally by the client; any other close stays resumable.
      if (code === 1000 || code === 1001) this.#sessions.delete(session.id);
    });
  }

  #identify(socket: WebSocket, data: IdentifyData): GatewaySession | null {
    if (data?.token !== this.#world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return null;
    }
    const intents = Number(data.intents);
    if (!Number.isInteger(intents) || (intents & ~ALL_INTENTS) !== 0) {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return null;
    }
    if ((intents & PRIVILEGED_INTENTS & ~this.#world.privilegedIntents) !== 0) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return null;
    }
    const [shardId, shardCount] = data.shard ?? [0, 1];
    if (shardId >= shardCount || shardCount < 1) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return null;
    }
    const session: GatewaySession = {
      id: randomUUID().replaceAll('-', ''),
      intents,
      shardId,
      shardCount,
      compress: data.compress === true,
      seq: 0,
      socket,
      backlog: new BoundedLog(this.#world.resumeBacklog),
      detachedAt: null,
    };
    this.#sessions.set(session.id, session);
    const guildIds = this.#world.guildIds().filter((id) => guildOnShard(id, shardId, shardCount));
    this.#sendDispatch(session, 'READY', {
      v: 10,
      ...this.#world.readyData(),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.#world.gatewayUrl(),
      shard: [shardId, shardCount],
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
    });
    for (const id of guildIds) {
      this.#sendDispatch(session, 'GUILD_CREATE', this.#world.guildCreate(id, intents));
    }
    this.#markReady();
    return session;
  }

  #resume(socket: WebSocket, data: ResumeData): GatewaySession | null {
    const session = this.#sessions.get(data?.session_id ?? '');
    const first = session?.backlog.first();
    // Too late: the session timed out while detached, or what the client missed no longer fits
    // the replay buffer. Either way Discord answers op 9 `d: false` and the client IDENTIFYs.
    const expired =
      session?.detachedAt != null && Date.now() - session.detachedAt > this.#world.resumeWindowMs;
    const replayable = session && !expired && (first === undefined || first.seq <= data.seq + 1);
    if (expired && session) this.#sessions.delete(session.id);
    if (!session || data.token !== this.#world.token || !replayable) {
      this.#send(socket, null, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    this.#batcher.flush();
    session.socket?.terminate();
    session.socket = socket;
    session.detachedAt = null;
    for (const sent of session.backlog) {
      if (sent.seq > data.seq) this.#write(socket, session, sent.frame);
    }
    this.#sendDispatch(session, 'RESUMED', null);
    this.#markReady();
    return session;
  }

  /**
   * Opcode 8: answers with one GUILD_MEMBERS_CHUNK. Listing members by query or all of them
   * needs the GuildMembers intent, as on Discord (close 4013 otherwise).
   */
  #requestMembers(session: GatewaySession, request: MembersRequest): void {
    const byIds = Array.isArray(request?.user_ids) || typeof request?.user_ids === 'string';
    if (!byIds && (session.intents & 2) === 0) {
      session.socket?.close(
        GatewayCloseCodes.InvalidIntents,
        'Requesting members needs the GUILD_MEMBERS intent.',
      );
      return;
    }
    const guildIds = Array.isArray(request.guild_id) ? request.guild_id : [request.guild_id];
    for (const guildId of guildIds) {
      const chunk = this.#world.membersChunk(guildId, request);
      if (chunk) this.#sendDispatch(session, 'GUILD_MEMBERS_CHUNK', chunk);
    }
  }

  #markReady(): void {
    this.#readyCount += 1;
    for (const resolve of this.#readyWaiters) resolve();
    this.#readyWaiters.clear();
  }

  #sendDispatch(session: GatewaySession, event: string, data: unknown): void {
    session.seq += 1;
    const frame = JSON.stringify({
      op: GatewayOpcodes.Dispatch,
      t: event,
      s: session.seq,
      d: data,
    });
    session.backlog.push({ seq: session.seq, frame });
    if (session.socket) this.#write(session.socket, session, frame);
  }

  #send(socket: WebSocket | null, session: GatewaySession | null, payload: object): void {
    if (socket) this.#write(socket, session, JSON.stringify({ s: null, t: null, ...payload }));
  }

  #write(socket: WebSocket, session: GatewaySession | null, frame: string): void {
    if (socket.readyState !== socket.OPEN) return;
    this.#batcher.hold(socket);
    if (session?.compress) socket.send(deflateSync(frame));
    else socket.send(frame);
  }
}

interface IdentifyData {
  token: string;
  intents: number | string;
  compress?: boolean;
  shard?: [number, number];
}

/** The data of opcode 8 (Request Guild Members). */
export interface MembersRequest {
  guild_id: string | string[];
  query?: string;
  limit?: number;
  user_ids?: string | string[];
  nonce?: string;
}

interface ResumeData {
  token: string;
  session_id: string;
  seq: number;
}
