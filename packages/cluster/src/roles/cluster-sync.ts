import type { ZoryxClient } from '@zoryx/framework';
import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/** One message on the control channel `<prefix>:control` (JSON). */
export type ControlMessage =
  | { op: 'load' | 'unload' | 'reload'; name: string; origin: string }
  | { op: 'settings'; guildId: string; origin: string };

/** What {@link ClusterSync} needs of the framework (its internal settings sync). */
export interface SettingsSyncLike {
  onLocalWrite(listener: (guildId: string) => void): () => void;
  invalidate(guildId: string): void;
}

/** Options of a {@link ClusterSync}. */
export interface ClusterSyncOptions {
  bot: ZoryxClient;
  /** A connected client for publishing; the sync duplicates it to subscribe. */
  redis: Redis;
  prefix: string;
  /** This process' id: its own messages are ignored. */
  processId: string;
  /** The framework's settings sync (`settingsSync` of `@zoryx/framework/internals`). */
  settings?: SettingsSyncLike;
  onError?: (error: unknown) => void;
}

/**
 * Keeps a worker in step with the others over Redis pub/sub (`<prefix>:control`), no eval:
 * - an extension loaded, unloaded or reloaded through this bot's `bot.extensions` (an owner's
 *   `reload x`, the dashboard) is loaded/unloaded/reloaded on every other worker too;
 * - a guild setting written here drops that guild from every other worker's settings cache, so
 *   the next read there is fresh (a read racing the message by milliseconds may still be stale).
 * A worker started later loads the extensions from its files as usual.
 */
export class ClusterSync {
  readonly #o: ClusterSyncOptions;
  readonly #channel: string;
  #subscriber: Redis | undefined;
  #offSettings: (() => void) | undefined;
  #restore: (() => void) | undefined;
  /** Remote operations applied here (for tests and `busstatus`). */
  public applied = 0;

  public constructor(options: ClusterSyncOptions) {
    this.#o = options;
    this.#channel = `${options.prefix}:control`;
  }

  #publish(message: ControlMessage): void {
    this.#o.redis.publish(this.#channel, JSON.stringify(message)).catch((error: unknown) => {
      this.#o.onError?.(error);
    });
  }

  /** Subscribes and starts forwarding local changes. */
  public async start(): Promise<void> {
    const host = this.#o.bot.extensions;
    const origin = this.#o.processId;
    // The public methods are wrapped (not the hook events): a change asked of this process is
    // forwarded, and one applied for another process (through the originals) is not sent back.
    const original = {
      load: host.load.bind(host),
      unload: host.unload.bind(host),
      reload: host.reload.bind(host),
    };
    host.load = async (name) => {
      const status = await original.load(name);
      this.#publish({ op: 'load', name, origin });
      return status;
    };
    host.unload = async (name) => {
      const names = await original.unload(name);
      this.#publish({ op: 'unload', name, origin });
      return names;
    };
    host.reload = async (name) => {
      const names = await original.reload(name);
      this.#publish({ op: 'reload', name, origin });
      return names;
    };
    this.#restore = () => Object.assign(host, original);
    this.#offSettings = this.#o.settings?.onLocalWrite((guildId) =>
      this.#publish({ op: 'settings', guildId, origin }),
    );
    this.#subscriber = this.#o.redis.duplicate();
    this.#subscriber.on('message', (_channel: string, raw: string) => {
      void this.#apply(raw, original);
    });
    await this.#subscriber.subscribe(this.#channel);
  }

  async #apply(
    raw: string,
    original: {
      load(name: string): Promise<unknown>;
      unload(name: string): Promise<unknown>;
      reload(name: string): Promise<unknown>;
    },
  ): Promise<void> {
    let message: ControlMessage;
    try {
      message = JSON.parse(raw) as ControlMessage;
    } catch {
      return;
    }
    if (message.origin === this.#o.processId) return;
    try {
      if (message.op === 'settings') {
        if (typeof message.guildId === 'string') this.#o.settings?.invalidate(message.guildId);
      } else if (message.op === 'load' || message.op === 'unload' || message.op === 'reload') {
        await original[message.op](String(message.name));
      } else return;
      this.applied += 1;
    } catch (cause) {
      this.#o.onError?.(
        new ClusterError(
          'ZRX_CLUSTER_SYNC',
          `Applying "${message.op}" from ${message.origin} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          undefined,
          { cause },
        ),
      );
    }
  }

  /** Stops forwarding and listening. */
  public async stop(): Promise<void> {
    this.#offSettings?.();
    this.#restore?.();
    this.#subscriber?.disconnect();
  }
}
