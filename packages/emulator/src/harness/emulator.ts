import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import { DEFAULT_RESUME_BACKLOG, DEFAULT_RESUME_WINDOW_MS } from '../gateway/session.js';
import { createHttpServer } from '../rest/http-server.js';
import { type RateLimitOptions, type RateLimitStats, rateLimiterOf } from '../rest/rate-limits.js';
import type { RequestRecord } from '../rest/request-log.js';
import { Router } from '../rest/router.js';
import { registerRoutes } from '../rest/routes/register-routes.js';
import { SnowflakeGenerator } from '../snowflake.js';
import type { PermissionName } from '../state/permissions.js';
import { makeUser } from '../state/serialize.js';
import { announceGuild, createGuild } from '../world/guilds.js';
import { channelMessages } from '../world/messages.js';
import { oauth2Of } from '../world/oauth2-state.js';
import { World } from '../world/world.js';
import type { EmulatorClientOptions, EmulatorOptions } from './emulator-options.js';
import { GuildHandle } from './guild-handle.js';
import { idOf, type Ref } from './refs.js';
import { UserHandle } from './user-handle.js';

/** Options of {@link Emulator.createGuild}. */
export interface GuildOptions {
  name: string;
  /** The owner (default: a new user named after the guild). */
  owner?: Ref;
  /** `@everyone`'s permissions (default: Discord's defaults for a new guild). */
  everyonePermissions?: readonly PermissionName[];
  /** The bot's managed role's permissions (default: Administrator). */
  botPermissions?: readonly PermissionName[];
}

/** Options of {@link Emulator.createUser}. */
export interface UserOptions {
  username: string;
  globalName?: string;
  bot?: boolean;
}

/** Options of {@link Emulator.waitFor}. */
export interface WaitForOptions {
  /** Give up after this many ms (default: the emulator's `replyTimeout`). */
  timeout?: number;
  /** What is awaited, for the error message. */
  description?: string;
}

/** Controls of the emulated gateway, for tests of reconnects and resumes. */
export interface GatewayControls {
  /** Cuts every socket without a close frame, as a network failure would; clients RESUME. */
  dropConnections(): void;
  /** Sends opcode 7 RECONNECT; clients reconnect and RESUME. */
  requestReconnect(): void;
  /** Sends opcode 9 with `d: false` (not resumable); clients IDENTIFY anew. */
  invalidateSessions(): void;
  /** The number of sessions with an open socket. */
  connections(): number;
  /**
   * How many IDENTIFY frames (opcode 2) the gateway received so far, accepted or refused; RESUMEs
   * do not count. A bot that only ever resumed (or a supervisor that kept its session while its
   * worker restarted) stays at 1.
   */
  readonly identifyCount: number;
}

/** Controls of the emulator's rate limits ({@link Emulator.rateLimits}). */
export interface RateLimitControls {
  /** Replaces the rate-limit options (buckets, route buckets, creation budget). */
  configure(options: RateLimitOptions): void;
  /** Answers the next `count` REST requests with 429 and `retry_after` = `retryAfterMs`. */
  storm(count: number, retryAfterMs: number): void;
  /** Requests answered 429 so far, and how many of them the creation budget refused. */
  readonly stats: RateLimitStats;
}

const PRIVILEGED_BITS = {
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  MessageContent: 1 << 15,
} as const;

/**
 * A running emulated Discord. Create it with {@link startEmulator}; point a discord.js client at
 * it with {@link Emulator.clientOptions} and its {@link Emulator.token}.
 */
export class Emulator {
  /** The TCP port on 127.0.0.1. */
  public readonly port: number;
  /** The bot token clients log in with. */
  public readonly token: string;
  /** The application id (also the id of interaction webhooks). */
  public readonly applicationId: string;
  /** The bot user's id. */
  public readonly botUserId: string;
  readonly #world: World;
  readonly #server: Server;
  readonly #timeout: number;
  #closed = false;

  /** @internal Use {@link startEmulator}. */
  public constructor(world: World, server: Server, port: number, timeout: number) {
    this.#world = world;
    this.#server = server;
    this.port = port;
    this.#timeout = timeout;
    this.token = world.settings.token;
    this.applicationId = world.settings.applicationId;
    this.botUserId = world.settings.botUserId;
  }

  /** `http://127.0.0.1:<port>/api`, the REST base discord.js takes as `rest.api`. */
  public get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The gateway URL `GET /gateway/bot` answers. */
  public get gatewayUrl(): string {
    return this.#world.gatewayUrl;
  }

  /** Client options to spread into `new Client({ intents, ...discord.clientOptions() })`. */
  public clientOptions(): EmulatorClientOptions {
    return {
      rest: {
        api: this.apiUrl,
        cdn: `http://127.0.0.1:${this.port}/cdn`,
        globalRequestsPerSecond: Number.POSITIVE_INFINITY,
        timeout: 30_000,
        // The emulator never fails transiently: a retried 5xx (a 501 for a route it does not
        // serve) would only repeat the same answer three times before the error surfaces.
        retries: 0,
      },
    };
  }

  /**
   * Signs `user` in to the emulated Discord website, so `GET /oauth2/authorize` (the consent
   * page) authorises them and redirects back with a code. Returns the application's OAuth2
   * credentials (client id = the application id) for the app under test.
   */
  public authorizeOAuth(user: Ref): { clientId: string; clientSecret: string } {
    const state = oauth2Of(this.#world);
    state.signedIn = idOf(user);
    return { clientId: this.applicationId, clientSecret: state.clientSecret };
  }

  /** Every REST request the bot made so far (method, route, path, body, status, response). */
  public requests(): readonly RequestRecord[] {
    return this.#world.requests.slice();
  }

  /** Forgets the logged requests (to assert on what happens next only). */
  public clearRequests(): void {
    this.#world.requests.clear();
  }

  /** Creates a guild the bot is in: GUILD_CREATE now if a bot is connected, else at login. */
  public createGuild(options: GuildOptions): GuildHandle {
    const guild = createGuild(this.#world, {
      name: options.name,
      ...(options.owner !== undefined ? { ownerId: idOf(options.owner) } : {}),
      ...(options.everyonePermissions ? { everyonePermissions: options.everyonePermissions } : {}),
      ...(options.botPermissions ? { botPermissions: options.botPermissions } : {}),
    });
    announceGuild(this.#world, guild);
    return new GuildHandle(this.#world, guild);
  }

  /** Creates a user the test can act as. */
  public createUser(options: UserOptions): UserHandle {
    const user = makeUser(
      this.#world.ids.next(),
      options.username,
      options.bot ?? false,
      options.globalName,
    );
    this.#world.records.users.set(user.id, user);
    return new UserHandle(this.#world, user, this.#timeout);
  }

  /** The global application commands the bot registered. */
  public commands(): APIApplicationCommand[] {
    return [...this.#world.records.globalCommands.values()];
  }

  /** The messages of a channel, oldest first. */
  public messages(channel: Ref): APIMessage[] {
    return [...channelMessages(this.#world, idOf(channel))];
  }

  /** Resolves once a bot session is READY (every GUILD_CREATE sent) or has resumed. */
  public waitForReady(): Promise<void> {
    return this.#world.gateway.whenReady();
  }

  /** How many times a bot became ready or resumed (2 after one successful resume). */
  public get readyCount(): number {
    return this.#world.gateway.readyCount;
  }

  /**
   * Waits until `predicate` returns a truthy value (re-checked after every gateway dispatch and
   * REST answer, and every 10 ms for client-side state), then resolves with it.
   */
  public waitFor<T>(
    predicate: () => T | undefined | null | false,
    options: WaitForOptions = {},
  ): Promise<T> {
    const timeout = options.timeout ?? this.#timeout;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined | null | false;
        try {
          value = predicate();
        } catch {
          value = undefined;
        }
        if (!value) return;
        finish();
        resolve(value);
      };
      const finish = () => {
        clearInterval(poll);
        clearTimeout(timer);
        this.#world.changeListeners.delete(check);
      };
      const poll = setInterval(check, 10);
      const timer = setTimeout(() => {
        finish();
        reject(
          new EmulatorError(
            'ZRX_EMULATOR_WAIT_TIMEOUT',
            `waitFor(${options.description ?? 'predicate'}) was still false after ${timeout} ms.`,
            'Check what the predicate reads; pass { timeout } if the bot is legitimately slower.',
          ),
        );
      }, timeout);
      this.#world.changeListeners.add(check);
      check();
    });
  }

  /**
   * Rate limits: `configure()` per-route buckets and the creation budget, `storm(n, ms)` answers
   * the next n requests 429, `stats` counts the 429s. All off unless configured.
   */
  public get rateLimits(): RateLimitControls {
    const limiter = rateLimiterOf(this.#world);
    return {
      configure: (options) => limiter.configure(options),
      storm: (count, retryAfterMs) => limiter.storm(count, retryAfterMs),
      get stats() {
        return { ...limiter.stats };
      },
    };
  }

  /** Gateway controls for resilience tests: drop sockets, ask for reconnects, end sessions. */
  public get gateway(): GatewayControls {
    const gateway = this.#world.gateway;
    return {
      dropConnections: () => gateway.dropConnections(),
      requestReconnect: () => gateway.requestReconnect(),
      invalidateSessions: () => gateway.invalidateSessions(),
      connections: () => gateway.connectedSessions().length,
      get identifyCount() {
        return gateway.identifyCount;
      },
    };
  }

  /** Stops the server and closes every connection. Idempotent. */
  public async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#world.gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * Starts a local Discord (REST + gateway) on 127.0.0.1.
 *
 * @example
 * ```ts
 * const discord = await startEmulator();
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], ...discord.clientOptions() });
 * await client.login(discord.token);
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const ids = new SnowflakeGenerator();
  const botUserId = ids.next();
  const token =
    options.token ??
    `${Buffer.from(botUserId).toString('base64url')}.emulator.${randomBytes(18).toString('base64url')}`;
  const world = new World(
    {
      token,
      applicationId: botUserId,
      botUserId,
      botUsername: options.botUsername ?? 'Zoryx Bot',
      heartbeatInterval: options.heartbeatInterval ?? 41_250,
      privilegedIntents: (
        options.privilegedIntents ?? ['GuildMembers', 'GuildPresences', 'MessageContent']
      ).reduce((bits, name) => bits | PRIVILEGED_BITS[name], 0),
      interactionAckTimeout: options.interactionAckTimeout ?? 3_000,
      resumeBacklog: options.resume?.backlog ?? DEFAULT_RESUME_BACKLOG,
      resumeWindowMs: options.resume?.windowMs ?? DEFAULT_RESUME_WINDOW_MS,
    },
    ids,
  );
  const router = new Router();
  const bearer = new Router();
  registerRoutes(router, world, bearer);
  const rateLimiter = rateLimiterOf(world);
  rateLimiter.configure(options.rateLimits ?? {});
  const server = createHttpServer({
    token,
    router,
    rateLimiter,
    bearer,
    onRequest: (record) => {
      // Bounded, so a long offline dev session does not grow without end.
      world.requests.push(record);
      world.notifyChange();
    },
    onUpgrade: (request, socket, head) => {
      // discord.js 14.0–14.9 connect to `<url>/?v=10`: the trailing slash is the same gateway.
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/$/, '');
      if (path === '/gateway') {
        world.gateway.handleUpgrade(request, socket, head);
      } else {
        socket.destroy();
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  world.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  return new Emulator(world, server, port, options.replyTimeout ?? 5_000);
}
