import type { ZoryxClient } from '@zoryx/framework';
import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/**
 * Store path of the framework's run-time settings overrides (its internal
 * `EXTENSION_CONFIG_PATH`, under the worker's data folder); read and seeded here so a worker
 * starts with the overrides every other worker has.
 */
const OVERRIDES_PATH = 'framework/extension-config.json';

type JsonObject = { [key: string]: unknown };

/** The framework's override file (version 1). */
interface OverridesFile {
  readonly version: 1;
  readonly extensions: Readonly<Record<string, JsonObject>>;
}

/** The message announcing a changed override on `<prefix>:control`. */
export interface ConfigureMessage {
  readonly op: 'configure';
  /** The extension whose override changed. */
  readonly name: string;
  /** The process that changed it (it ignores its own message). */
  readonly origin: string;
}

/** Options of an {@link ExtensionConfigSync}. */
export interface ExtensionConfigSyncOptions {
  readonly bot: ZoryxClient;
  /** A connected client for commands and publishing; the sync duplicates it to subscribe. */
  readonly redis: Redis;
  readonly prefix: string;
  /** This process' id: its own messages are ignored. */
  readonly processId: string;
  readonly onError?: (error: ClusterError) => void;
}

type Host = ZoryxClient['extensions'];
type Configure = Host['configure'];
type Reload = Host['reload'];

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Makes `bot.extensions.configure(name, values)` (an owner's command, the dashboard's settings
 * form) cluster-wide. The worker that is asked applies it as usual (validate, store in its own
 * data folder, reload), then writes the resulting override to the Redis hash
 * `<prefix>:extconfig` (field: extension name, value: the override as JSON) and announces
 * `{ op: 'configure', name, origin }` on `<prefix>:control`. Every other worker reads the
 * override from the hash and applies it through its own `configure` (validated and reloaded
 * there; a failure is reported as `ZRX_CLUSTER_CONFIG_SYNC` and that worker keeps its previous
 * settings). A worker that starts later is seeded from the hash before its extensions load
 * ({@link ExtensionConfigSync.seed}). The configure's own reload is not announced as a plain
 * reload too (`ClusterSync`), so each worker reloads the extension once.
 *
 * @remarks The hash holds the override as given, secrets included (like the worker's own file);
 * protect Redis like the bot's data folder.
 */
export class ExtensionConfigSync {
  readonly #o: ExtensionConfigSyncOptions;
  readonly #key: string;
  readonly #channel: string;
  /** Extensions being configured here: their reload is not announced as a plain reload. */
  readonly #quiet = new Set<string>();
  #subscriber: Redis | undefined;
  #restore: (() => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** Overrides from other workers applied here (for tests and diagnostics). */
  public applied = 0;

  public constructor(options: ExtensionConfigSyncOptions) {
    this.#o = options;
    this.#key = `${options.prefix}:extconfig`;
    this.#channel = `${options.prefix}:control`;
  }

  /**
   * Writes every shared override into this worker's override file, over its own; call before
   * `bot.start()` (the framework reads the file once, before the first extension loads).
   * Resolves with how many overrides were seeded; a Redis failure is reported (`onError`) and
   * the worker starts with its own settings.
   */
  public async seed(): Promise<number> {
    try {
      const shared = await this.#sharedOverrides();
      const names = Object.keys(shared);
      if (names.length === 0) return 0;
      const { store } = this.#o.bot;
      const local = await store.readJson<OverridesFile>(OVERRIDES_PATH);
      const file: OverridesFile = {
        version: 1,
        extensions: { ...(local?.extensions ?? {}), ...shared },
      };
      await store.writeJson(OVERRIDES_PATH, file);
      return names.length;
    } catch (cause) {
      // The worker still starts, with the settings of its own folder and config.json.
      this.#report('Reading the shared extension settings failed', cause);
      return 0;
    }
  }

  /** Starts forwarding this worker's `configure` calls and applying the others'. */
  public async start(): Promise<void> {
    const host = this.#o.bot.extensions;
    const configure: Configure = host.configure.bind(host);
    const reload: Reload = host.reload.bind(host);
    // The host's own reload (not ClusterSync's announcing wrapper, which is an own property).
    const plainReload: Reload = (Object.getPrototypeOf(host) as Host).reload.bind(host);
    host.configure = async (name, patch) => {
      const result = await this.#quietly(hostName(name), () => configure(name, patch));
      await this.#share(result.extension);
      return result;
    };
    host.reload = (name) => (this.#quiet.has(hostName(name)) ? plainReload(name) : reload(name));
    this.#restore = () => {
      host.configure = configure;
      host.reload = reload;
    };
    this.#subscriber = this.#o.redis.duplicate();
    this.#subscriber.on('message', (_channel: string, raw: string) => {
      // One at a time, in the order announced (each reads the hash's latest value anyway).
      this.#queue = this.#queue.then(() => this.#apply(raw, configure));
    });
    await this.#subscriber.subscribe(this.#channel);
  }

  /** Stops forwarding and listening (call before `ClusterSync.stop`). */
  public async stop(): Promise<void> {
    this.#restore?.();
    this.#restore = undefined;
    this.#subscriber?.disconnect();
    await this.#queue;
  }

  async #quietly<T>(name: string, run: () => Promise<T>): Promise<T> {
    this.#quiet.add(name);
    try {
      return await run();
    } finally {
      this.#quiet.delete(name);
    }
  }

  /** Publishes this worker's current override of `name` (the one `configure` just stored). */
  async #share(name: string): Promise<void> {
    try {
      const file = await this.#o.bot.store.readJson<OverridesFile>(OVERRIDES_PATH);
      const override = file?.extensions[name];
      if (override === undefined) await this.#o.redis.hdel(this.#key, name);
      else await this.#o.redis.hset(this.#key, name, JSON.stringify(override));
      const message: ConfigureMessage = { op: 'configure', name, origin: this.#o.processId };
      await this.#o.redis.publish(this.#channel, JSON.stringify(message));
    } catch (cause) {
      // This worker has the change; the others get it at their next start at the latest.
      this.#report(`Sharing the settings of "${name}" failed`, cause);
    }
  }

  async #apply(raw: string, configure: Configure): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    // The control channel carries ClusterSync's messages too: only ours are handled here.
    if (!isJsonObject(message) || message.op !== 'configure') return;
    if (message.origin === this.#o.processId || typeof message.name !== 'string') return;
    const name = message.name;
    try {
      const raw = await this.#o.redis.hget(this.#key, name);
      if (raw === null) return;
      const override: unknown = JSON.parse(raw);
      if (!isJsonObject(override)) return;
      // Merged over this worker's override (which equals the announcing worker's previous one):
      // the result is the announcing worker's override.
      await this.#quietly(name, () => configure(name, override));
      this.applied += 1;
    } catch (cause) {
      this.#report(
        `Applying the settings of "${name}" from ${String(message.origin)} failed`,
        cause,
      );
    }
  }

  async #sharedOverrides(): Promise<Record<string, JsonObject>> {
    const all = await this.#o.redis.hgetall(this.#key);
    const out: Record<string, JsonObject> = {};
    for (const [name, raw] of Object.entries(all)) {
      try {
        const value: unknown = JSON.parse(raw);
        if (isJsonObject(value)) out[name] = value;
      } catch (cause) {
        this.#report(`The shared settings of "${name}" are not JSON; ignored`, cause);
      }
    }
    return out;
  }

  #report(message: string, cause: unknown): void {
    const detail = cause instanceof Error ? cause.message : String(cause);
    this.#o.onError?.(
      new ClusterError('ZRX_CLUSTER_CONFIG_SYNC', `${message}: ${detail}`, undefined, { cause }),
    );
  }
}

/** The name the host files an extension under (the loader's rule: trimmed, spaces → `-`). */
function hostName(name: string): string {
  return name.trim().replace(/\s+/g, '-');
}
