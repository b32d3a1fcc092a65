import { once } from 'node:events';
import { HookBus } from '@zoryx/hooks';
import { AtomicStore } from '@zoryx/store';
import { Client, type ClientOptions, Events, GatewayIntentBits, type Message } from 'discord.js';
import { type AnalyticsSink, createFlakyAnalytics } from './analytics.js';
import {
  type CommandContext,
  handlePrefixCommand,
  handleSlashCommand,
  slashCommands,
} from './commands.js';
import type { CounterEvents } from './events.js';
import { Leaderboard } from './leaderboard.js';
import { registerListeners } from './listeners.js';

/** Options of {@link createBot}. */
export interface BotOptions {
  /** The bot token `start()` logs in with. */
  token?: string;
  /** Where the per-guild counter files live (created if missing). */
  dataDir: string;
  /** Merged into the discord.js client options, e.g. `discord.clientOptions()` of the emulator. */
  clientOptions?: Partial<ClientOptions>;
  /** Messages per level. Default 10. */
  messagesPerLevel?: number;
  /** The analytics sink the `analytics:report` hook calls. Default: {@link createFlakyAnalytics}. */
  analytics?: AnalyticsSink;
  /** Timeout of one analytics call in ms. Default 2,000. */
  analyticsTimeoutMs?: number;
  /** Where the bot logs errors and hook alerts. Default `console.warn`. */
  log?: (line: string) => void;
}

/** A created bot: the discord.js client and the Zoryx pieces it uses. */
export interface Bot {
  readonly client: Client;
  /** The typed hook bus (inspect `hooks.hooks()` for breaker states and metrics). */
  readonly hooks: HookBus<CounterEvents>;
  readonly store: AtomicStore;
  readonly leaderboard: Leaderboard;
  /** Logs in, waits until the client is ready and `/top` is registered. */
  start(): Promise<void>;
  /** Lets queued hooks finish, disconnects, and flushes the store. */
  stop(): Promise<void>;
}

/**
 * Creates the message-counter bot: a plain discord.js client whose message counts live in
 * `@zoryx/store` and whose side effects (level-up announcements, analytics) are `@zoryx/hooks`
 * listeners. Nothing is connected until `start()`.
 */
export function createBot(options: BotOptions): Bot {
  const log = options.log ?? ((line: string) => console.warn(line));
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    ...options.clientOptions,
  });
  const store = new AtomicStore({ root: options.dataDir });
  const leaderboard = new Leaderboard(store);
  const hooks = new HookBus<CounterEvents>({
    // Three failures within a minute open a hook's breaker for 30 s.
    breaker: { failures: 3, windowMs: 60_000, openMs: 30_000 },
    onAlert: (alert) => log(`[hooks] ${JSON.stringify(alert)}`),
  });
  const context: CommandContext = {
    leaderboard,
    messagesPerLevel: options.messagesPerLevel ?? 10,
  };
  registerListeners(hooks, {
    client,
    messagesPerLevel: context.messagesPerLevel,
    analytics: options.analytics ?? createFlakyAnalytics(),
    analyticsTimeoutMs: options.analyticsTimeoutMs ?? 2_000,
  });

  async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || !message.inGuild()) return;
    // No await before `record`: counts are stored in the order messages arrived, so `!count`
    // and `!top` see every earlier message.
    const { count } = await leaderboard.record(message.guildId, {
      id: message.author.id,
      name: message.author.username,
    });
    try {
      await handlePrefixCommand(message, count, context);
    } finally {
      // Queued: the hooks run after this handler, and whatever they do cannot delay or break it.
      void hooks.emit('message_counted', {
        guildId: message.guildId,
        channelId: message.channelId,
        userId: message.author.id,
        count,
      });
    }
  }

  client.on(Events.MessageCreate, (message) => {
    onMessage(message).catch((error: unknown) =>
      log(`[bot] message ${message.id}: ${describe(error)}`),
    );
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    handleSlashCommand(interaction, context).catch((error: unknown) =>
      log(`[bot] /${interaction.commandName}: ${describe(error)}`),
    );
  });

  let stopped = false;
  return {
    client,
    hooks,
    store,
    leaderboard,
    async start() {
      if (options.token === undefined || options.token === '') {
        throw new Error(
          'createBot: no token to log in with. Pass `token` (the bot token from the Discord developer portal, or the emulator token in tests).',
        );
      }
      const ready = once(client, Events.ClientReady);
      await client.login(options.token);
      await ready;
      // A bulk overwrite is idempotent: Discord keeps the command if nothing changed.
      await client.application?.commands.set(slashCommands);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Drain the hooks first: a level-up announcement still in the queue needs the client.
      await hooks.close();
      await client.destroy();
      await store.close();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
