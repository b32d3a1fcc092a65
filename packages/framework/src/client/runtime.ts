import type { Command, StoreRegistryKey } from '@sapphire/framework';
import type { HookEvents } from '@zoryx/hooks';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandTable } from '../commands/command-table.js';
import type { ZoryxConfig } from '../config/schema.js';
import type { CooldownTracker } from '../cooldowns/cooldown-tracker.js';
import type { IntakeLimiter } from '../intake/intake-limiter.js';
import type { GrantTier } from '../permissions/tiers.js';

/**
 * What the framework's Sapphire pieces (preconditions, listeners, folded roots) need from the
 * host. Attached to a client with {@link attachRuntime}; pieces find it with {@link runtimeOf},
 * so they work on any SapphireClient, not only on `ZoryxClient`.
 */
export interface FrameworkRuntime {
  /** The current configuration (env applied). */
  config(): ZoryxConfig;
  /** Bot owner ids (config `owners` + `BOT_OWNER_ID`). */
  readonly owners: ReadonlySet<string>;
  readonly logger: Logger;
  readonly cooldowns: CooldownTracker;
  /** Per-user limits on commands and unknown-command replies (`config.intake`). */
  readonly intake: IntakeLimiter;
  /** Roles a guild allowed to run a command (empty = not configured). */
  commandRoles(guildId: string, command: string): Promise<readonly string[]>;
  /** Tier that granted an invocation (keyed by the interaction or message object). */
  readonly grants: WeakMap<object, GrantTier>;
  /** The extension that brought a piece (by store and piece name), if one did. */
  pieceOwner(store: StoreRegistryKey, name: string): string | undefined;
  /** Whether a command is owner-only (its `ownerOnly` option, or the config override). */
  isOwnerOnly(command: Command): boolean;
  /** Counts one successful use of a command (batched into the main database). */
  recordCommand(name: string): void;
  /** Emits a hook event without waiting for its handlers (queued on the bus). */
  emit<K extends keyof HookEvents>(event: K, payload: HookEvents[K]): void;
  /** Runs once the gateway is ready: command sync, `bot_ready`. */
  onReady(): Promise<void>;
  /** The bot left a guild: drop its cached state and database (backed up first). */
  onGuildLeft(guildId: string): Promise<void>;
  /** The current command plan and routes (undefined before the first plan). */
  commandTable(): CommandTable | undefined;
}

const runtimes = new WeakMap<Client, FrameworkRuntime>();

/** Makes `runtime` the framework runtime of `client`. */
export function attachRuntime(client: Client, runtime: FrameworkRuntime): void {
  runtimes.set(client, runtime);
}

/** The framework runtime of `client`, or undefined when none was attached. */
export function runtimeOf(client: Client): FrameworkRuntime | undefined {
  return runtimes.get(client);
}
