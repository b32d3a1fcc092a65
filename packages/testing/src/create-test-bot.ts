import { rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type Emulator,
  type EmulatorOptions,
  type GuildHandle,
  type RoleHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import {
  type BootReport,
  createBot,
  type ZoryxClient,
  type ZoryxConfigInput,
} from '@zoryx/framework';
import pino from 'pino';
import { assertFolder, type BotFolder, prepareBotFolder, writeBotFile } from './bot-folder.js';
import { type BuiltinName, resolveBuiltins } from './builtins.js';
import { TestingError } from './errors.js';
import { composeTestConfig, mergeConfig, readFolderConfig } from './test-config.js';
import { createWorld, type TestWorld } from './world.js';

/** Options of {@link createTestBot}. Every field is optional. */
export interface CreateTestBotOptions {
  /**
   * An existing bot folder (`config.json`, `extensions/`, `node_modules`). Default: a fresh temp
   * folder. Used in place (only read) unless `files` are given or `copy` is set: then the bot
   * runs in a temp copy of it (without `node_modules`, `data`, `logs`, `dist`; its packages are
   * linked), so a test never writes into it. Data always goes to a temp folder.
   */
  dir?: string;
  /** Files written into the folder before start, by relative path, e.g. `{ 'extensions/greeter/index.ts': src }`. */
  files?: Readonly<Record<string, string>>;
  /** Run in a temp copy of `dir` even without `files` (e.g. to {@link TestBot.write} later). */
  copy?: boolean;
  /**
   * Built-in extensions to enable (`@zoryx/builtins/<name>` added to `extensions.packages`).
   * `@zoryx/builtins` is resolved from the bot folder, else from `process.cwd()`; install it
   * there (this package does not depend on it).
   */
  builtins?: readonly BuiltinName[];
  /**
   * Merged deeply over the folder's `config.json` and the test defaults (no log files, no hot
   * reload, no status rotation). The bot owner {@link TestBot.owner} is always added to
   * `owners`; `data.dir` is always a temp folder.
   */
  config?: ZoryxConfigInput;
  /** The name of the ready guild (default `Test Guild`). */
  guildName?: string;
  /** Runs on each new client before it starts (also on `restart()`), e.g. to load the bot's own pieces. */
  setup?: (bot: ZoryxClient) => void | Promise<void>;
  /** Module instances shared with extension code (see `createBot`'s `sharedModules`). */
  sharedModules?: Readonly<Record<string, unknown>>;
  /** Options of the emulator (default: a 60 s heartbeat, so an idle test sends no heartbeats). */
  emulator?: EmulatorOptions;
  /** Resolve even when extensions failed to load at boot (default: throw `ZRX_TESTING_BOOT_FAILED`). */
  allowFailedExtensions?: boolean;
}

/** A running test bot and the world it lives in; from {@link createTestBot}. */
export interface TestBot extends TestWorld {
  /** The local Discord the bot is logged in to. */
  readonly discord: Emulator;
  /** The ready guild and its cast as one object (the same handles as on the test bot itself). */
  readonly world: TestWorld;
  /** The running client (a new one after `restart()`). */
  readonly bot: ZoryxClient;
  /** The loader's boot report of the running client. */
  readonly report: BootReport;
  /** The folder the bot runs in (the given `dir` in place, or a temp folder). */
  readonly dir: string;
  /** The bot's data folder (a temp folder; kept across `restart()`). */
  readonly dataDir: string;
  /**
   * Shuts the client down and starts a new one on the same folder and data (the emulator and
   * its world keep running, like Discord does). `config` is merged over the current config,
   * for this and later restarts. Resolves once the new client is ready and its commands synced.
   */
  restart(config?: ZoryxConfigInput): Promise<ZoryxClient>;
  /** Shuts the bot down, stops the emulator and deletes the temp folders. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Another guild with the same cast ({@link TestWorld}); its users' names start with the
   * guild's name in lowercase (`beta-member`). Resolves once the bot sees the guild.
   */
  createWorld(name: string): Promise<TestWorld>;
  /** A new member of {@link TestBot.guild} (or `guild`), with `roles`: fresh users dodge cooldowns. */
  addMember(username: string, options?: MemberOptions): UserHandle;
  /** Writes a file into the bot's temp folder (not allowed in place: pass `files` or `copy`). */
  write(path: string, content: string): Promise<void>;
}

/** Options of {@link TestBot.addMember}. */
export interface MemberOptions {
  /** The guild to join (default: the test bot's guild). */
  guild?: GuildHandle;
  /** Roles to hold. */
  roles?: readonly RoleHandle[];
}

/**
 * Environment variables the framework reads, blanked so neither the test process's environment
 * nor the bot folder's `.env` (which only fills unset keys) change the test bot: a developer's
 * `ZORYX_DEV_GUILDS` would send the commands to a guild the emulator does not have.
 */
const BLANKED_ENV = [
  'BOT_OWNER_ID',
  'ZORYX_AUTO_RELOAD',
  'ZORYX_COMMAND_SYNC',
  'ZORYX_MESSAGE_COMMANDS',
  'ZORYX_LOG_LEVEL',
  'ZORYX_DEV_GUILDS',
] as const;

/** Quiet time before command changes are planned and synced: short, tests wait for it. */
const COMMAND_DEBOUNCE_MS = 20;

/**
 * Boots a real bot (`createBot`, as in production) against a fresh `@zoryx/emulator`, with a
 * ready guild, `#general` channel and four users: a bot owner, the guild's owner, an
 * Administrator and a plain member. The world exists before the bot logs in, so the bot gets it
 * in its GUILD_CREATE. Data goes to a temp folder, logs are silent (set `ZORYX_TEST_LOG=debug`
 * to see them), hot reload and log files are off. Resolves once the bot is ready and its
 * commands are synced. One per test file: Sapphire keeps module-global state.
 *
 * @example
 * ```ts
 * const t = await createTestBot({
 *   files: { 'extensions/greeter/index.ts': greeterSource },
 *   builtins: ['core'],
 * });
 * const reply = await t.member.slash(t.guild, 'hello').reply();
 * expect(reply.content).toBe('Hello!');
 * await t.close();
 * ```
 */
export async function createTestBot(options: CreateTestBotOptions = {}): Promise<TestBot> {
  const dir = options.dir === undefined ? undefined : resolve(options.dir);
  if (dir !== undefined) await assertFolder(dir);
  const base = dir ?? process.cwd();
  const builtins = options.builtins?.length
    ? resolveBuiltins(options.builtins, [base, process.cwd()])
    : undefined;
  const folder = await prepareBotFolder({
    dir,
    files: options.files ?? {},
    // A folder used in place must resolve the built-ins itself; otherwise a copy gets a link.
    copy: options.copy === true || (builtins !== undefined && builtins.from !== base),
    nodeModules: await nodeModulesFrom(base),
    links: builtins ? { '@zoryx/builtins': builtins.packageDir } : {},
  });
  let discord: Emulator | undefined;
  try {
    const file = await readFolderConfig(folder.root);
    discord = await startEmulator({ heartbeatInterval: 60_000, ...options.emulator });
    const owner = discord.createUser({ username: 'owner' });
    const world = createWorld(discord, owner, options.guildName ?? 'Test Guild');
    const handle = new TestBotHandle(discord, world, folder, options, (overrides) =>
      composeTestConfig({
        file,
        overrides,
        owners: [owner.id],
        packages: builtins?.packages ?? [],
        dataDir: folder.dataDir,
      }),
    );
    await handle.boot();
    return handle;
  } catch (error) {
    await discord?.close();
    await removeAll(folder.temporary);
    throw error;
  }
}

/** The running bot of {@link TestBotHandle}. */
interface Running {
  readonly bot: ZoryxClient;
  readonly report: BootReport;
}

class TestBotHandle implements TestBot {
  public readonly guild: GuildHandle;
  public readonly channel: TestWorld['channel'];
  public readonly owner: UserHandle;
  public readonly guildOwner: UserHandle;
  public readonly admin: UserHandle;
  public readonly member: UserHandle;
  public readonly adminRole: RoleHandle;
  private running: Running | undefined;
  private overrides: ZoryxConfigInput;
  private closed = false;

  public constructor(
    public readonly discord: Emulator,
    public readonly world: TestWorld,
    private readonly folder: BotFolder,
    private readonly options: CreateTestBotOptions,
    private readonly configFor: (overrides: ZoryxConfigInput) => ZoryxConfigInput,
  ) {
    ({
      guild: this.guild,
      channel: this.channel,
      owner: this.owner,
      guildOwner: this.guildOwner,
      admin: this.admin,
      member: this.member,
      adminRole: this.adminRole,
    } = world);
    this.overrides = options.config ?? {};
  }

  public get bot(): ZoryxClient {
    return this.current().bot;
  }

  public get report(): BootReport {
    return this.current().report;
  }

  public get dir(): string {
    return this.folder.root;
  }

  public get dataDir(): string {
    return this.folder.dataDir;
  }

  /** Creates a client on the folder and starts it; resolves when it is ready and synced. */
  public async boot(): Promise<ZoryxClient> {
    const env: Record<string, string> = Object.fromEntries(BLANKED_ENV.map((key) => [key, '']));
    const bot = await createBot({
      cwd: this.folder.root,
      config: this.configFor(this.overrides),
      env: { ...env, DISCORD_TOKEN: this.discord.token, ZORYX_DISCORD_API: this.discord.apiUrl },
      clientOptions: this.discord.clientOptions(),
      logger: pino({ level: process.env.ZORYX_TEST_LOG || 'silent' }),
      handleSignals: false,
      commandDebounceMs: COMMAND_DEBOUNCE_MS,
      ...(this.options.sharedModules ? { sharedModules: this.options.sharedModules } : {}),
    });
    try {
      await this.options.setup?.(bot);
      const report = await bot.start();
      if (report.failed.length > 0 && this.options.allowFailedExtensions !== true) {
        throw new TestingError(
          'ZRX_TESTING_BOOT_FAILED',
          `Extensions failed to load: ${report.failed.join(', ')}\n${report.summary}`,
          'Fix the errors above (ZORYX_TEST_LOG=debug shows the logs), or pass allowFailedExtensions: true to test a failing boot.',
        );
      }
      await bot.commandService.idle();
      const guildId = this.guild.id;
      await this.discord.waitFor(() => bot.guilds.cache.has(guildId), {
        description: `the bot to see the test guild ${guildId}`,
      });
      this.running = { bot, report };
      return bot;
    } catch (error) {
      await bot.shutdown('test').catch(() => undefined);
      throw error;
    }
  }

  public async restart(config?: ZoryxConfigInput): Promise<ZoryxClient> {
    this.assertOpen('restart()');
    if (config) this.overrides = mergeConfig(this.overrides, config);
    const previous = this.running;
    this.running = undefined;
    await previous?.bot.shutdown('test restart');
    return this.boot();
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = this.running;
    this.running = undefined;
    try {
      await running?.bot.shutdown('test');
    } finally {
      await this.discord.close();
      await removeAll(this.folder.temporary);
    }
  }

  public async createWorld(name: string): Promise<TestWorld> {
    this.assertOpen('createWorld()');
    const prefix = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`;
    const world = createWorld(this.discord, this.owner, name, prefix);
    const bot = this.bot;
    await this.discord.waitFor(() => bot.guilds.cache.has(world.guild.id), {
      description: `the bot to see the guild "${name}"`,
    });
    return world;
  }

  public addMember(username: string, options: MemberOptions = {}): UserHandle {
    const user = this.discord.createUser({ username });
    (options.guild ?? this.guild).addMember(user, { roles: options.roles ?? [] });
    return user;
  }

  public async write(path: string, content: string): Promise<void> {
    this.assertOpen('write()');
    if (this.folder.inPlace) {
      throw new TestingError(
        'ZRX_TESTING_IN_PLACE',
        `write("${path}"): the bot runs in ${this.folder.root} in place, which a test must not change.`,
        'Pass files or copy: true to createTestBot: the bot then runs in a temp copy of the folder.',
      );
    }
    await writeBotFile(this.folder.root, path, content);
  }

  private current(): Running {
    if (!this.running) {
      throw new TestingError(
        'ZRX_TESTING_CLOSED',
        this.closed
          ? 'The test bot is closed.'
          : 'The test bot has no running client: a restart() is under way or failed.',
        'Use t.bot between createTestBot() (or an awaited, successful restart()) and close().',
      );
    }
    return this.running;
  }

  private assertOpen(action: string): void {
    if (this.closed) {
      throw new TestingError(
        'ZRX_TESTING_CLOSED',
        `${action} on a closed test bot.`,
        'Call it before close(), or create a new test bot.',
      );
    }
  }
}

/** The `node_modules` folders Node searches from `dir`, nearest first (its own, then its parents'). */
async function nodeModulesFrom(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (let current = dir; ; current = dirname(current)) {
    const candidate = join(current, 'node_modules');
    if ((await stat(candidate).catch(() => undefined))?.isDirectory()) found.push(candidate);
    if (dirname(current) === current) return found;
  }
}

async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })));
}
