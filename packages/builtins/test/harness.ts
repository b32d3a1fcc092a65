import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as db from '@zoryx/db';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import { createBot, type ZoryxClient, type ZoryxConfigInput } from '@zoryx/framework';
import * as hooks from '@zoryx/hooks';
import * as resolver from '@zoryx/resolver';
import * as slashLimit from '@zoryx/slash-limit';
import * as store from '@zoryx/store';

/** The built-in extensions of this package, by folder under `src/`. */
export type BuiltinName = 'core' | 'registry' | 'hooks' | 'diagnostics' | 'limits';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(PACKAGE_DIR, 'src');

/** Whether the package has been built (`dist/`), which `source: 'package'` needs. */
export const PACKAGE_BUILT = existsSync(join(PACKAGE_DIR, 'dist', 'core', 'index.cjs'));

/** Options of {@link BuiltinsHarness.create}. */
export interface HarnessOptions {
  /** Built-in extensions to enable. */
  extensions: readonly BuiltinName[];
  /**
   * `source` (default): each built-in is loaded from `src/<name>/index.ts` through a one-line
   * extension file. `package`: the way a bot loads them, as npm packages listed in
   * `extensions.packages` (`@zoryx/builtins/<name>`, from the built `dist/`; the bot folder gets a
   * `node_modules/@zoryx/builtins` link to this package).
   */
  source?: 'source' | 'package';
  /** Extra extension files to write into the bot folder (`extensions/<path>` → source). */
  files?: Readonly<Record<string, string>>;
}

/** A guild with the usual cast, created by {@link BuiltinsHarness.world}. */
export interface TestWorld {
  guild: GuildHandle;
  channel: ChannelHandle;
  /** A bot owner (listed in `config.owners`), member of the guild. */
  owner: UserHandle;
  /** The guild's owner (not a bot owner). */
  guildOwner: UserHandle;
  /** A member with the Administrator permission (through a role). */
  admin: UserHandle;
  /** A plain member without permissions. */
  member: UserHandle;
}

/**
 * Boots a real `ZoryxClient` (via `createBot`) against `@zoryx/emulator` in a temp folder with
 * chosen built-in extensions enabled. Each built-in is loaded from its TypeScript source through
 * a one-line extension file (`export { default } from '<src>/<name>/index.ts'`), so tests run
 * the code under test without a build, through the same loader path an npm-package extension
 * takes. Sapphire keeps module-global state: use one harness per test file. `restart()` boots a
 * new client on the same folder (for persistence tests).
 *
 * @example
 * ```ts
 * const h = await BuiltinsHarness.create({ extensions: ['core'] });
 * await h.start();
 * const w = h.world();
 * const reply = await w.member.slash(w.guild, 'help').reply();
 * await h.close();
 * ```
 */
export class BuiltinsHarness {
  /** The running bot (after `start`). */
  public bot: ZoryxClient | undefined;
  /** The bot owner user (created at once, so its id can go into `config.owners`). */
  public readonly owner: UserHandle;
  private lastConfig: ZoryxConfigInput = {};
  private packages: string[] = [];

  private constructor(
    /** The bot's folder (config, extensions, data). */
    public readonly dir: string,
    /** The local Discord. */
    public readonly discord: Emulator,
  ) {
    this.owner = discord.createUser({ username: 'bot-owner' });
  }

  /** Creates the temp folder, starts the emulator and writes the extension files. */
  public static async create(options: HarnessOptions): Promise<BuiltinsHarness> {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-builtins-'));
    const discord = await startEmulator({ heartbeatInterval: 60_000 });
    const harness = new BuiltinsHarness(dir, discord);
    if (options.source === 'package') {
      await mkdir(join(dir, 'node_modules', '@zoryx'), { recursive: true });
      await mkdir(join(dir, 'extensions'), { recursive: true });
      await symlink(PACKAGE_DIR, join(dir, 'node_modules', '@zoryx', 'builtins'), 'dir');
      harness.packages = options.extensions.map((name) => `@zoryx/builtins/${name}`);
    } else {
      for (const name of options.extensions) {
        const entry = join(SRC, name, 'index.ts');
        await harness.write(
          `extensions/${name}.ts`,
          `export { default } from ${JSON.stringify(entry)};\n`,
        );
      }
    }
    for (const [path, source] of Object.entries(options.files ?? {})) {
      await harness.write(`extensions/${path}`, source);
    }
    return harness;
  }

  /** Writes a file under the bot folder. */
  public async write(path: string, content: string): Promise<void> {
    const full = join(this.dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  /**
   * Creates and starts the bot; resolves once it is ready and its commands are synced.
   * `config` is merged over the test defaults (no log files, silent logs, no hot reload, the
   * harness's owner as bot owner).
   */
  public async start(config: ZoryxConfigInput = this.lastConfig): Promise<ZoryxClient> {
    this.lastConfig = config;
    const bot = await createBot({
      cwd: this.dir,
      config: {
        autoReload: false,
        owners: [this.owner.id],
        ...config,
        logging: {
          file: false,
          level: (process.env.ZORYX_TEST_LOG as 'info' | undefined) ?? 'silent',
          ...config.logging,
        },
        components: { statusRotation: false, ...config.components },
        extensions: {
          ...config.extensions,
          packages: [...this.packages, ...(config.extensions?.packages ?? [])],
        },
      },
      env: { DISCORD_TOKEN: this.discord.token, ZORYX_DISCORD_API: this.discord.apiUrl },
      clientOptions: this.discord.clientOptions() as never,
      handleSignals: false,
      commandDebounceMs: 20,
      sharedModules: {
        '@zoryx/db': db,
        '@zoryx/hooks': hooks,
        '@zoryx/resolver': resolver,
        '@zoryx/slash-limit': slashLimit,
        '@zoryx/store': store,
      },
    });
    this.bot = bot;
    await bot.start();
    await bot.commandService.idle();
    return bot;
  }

  /** Shuts the bot down and starts a new one on the same folder (same config by default). */
  public async restart(config?: ZoryxConfigInput): Promise<ZoryxClient> {
    await this.stopBot();
    return this.start(config);
  }

  /** Shuts the bot down (the emulator keeps running, like Discord does). */
  public async stopBot(): Promise<void> {
    await this.bot?.shutdown('test');
    this.bot = undefined;
  }

  /** The running bot; throws when none is running. */
  public get client(): ZoryxClient {
    if (!this.bot) throw new Error('the harness bot is not running: call start() first');
    return this.bot;
  }

  /**
   * Creates a guild (owned by a new user) with a `general` channel, the harness's bot owner, an
   * administrator and a plain member. Call after `start()`; waits until the bot sees the guild.
   */
  public async world(name = 'Test Guild'): Promise<TestWorld> {
    const guildOwner = this.discord.createUser({ username: `${slug(name)}-owner` });
    const guild = this.discord.createGuild({ name, owner: guildOwner });
    const channel = guild.createChannel({ name: 'general' });
    const admins = guild.createRole({ name: 'Admins', permissions: ['Administrator'] });
    const admin = this.discord.createUser({ username: `${slug(name)}-admin` });
    const member = this.discord.createUser({ username: `${slug(name)}-member` });
    guild.addMember(this.owner);
    guild.addMember(admin, { roles: [admins] });
    guild.addMember(member);
    const bot = this.client;
    await this.discord.waitFor(() => bot.guilds.cache.has(guild.id));
    return { guild, channel, owner: this.owner, guildOwner, admin, member };
  }

  /** A new member of `world`'s guild (each test may use fresh users to stay clear of cooldowns). */
  public member(world: TestWorld, username: string): UserHandle {
    const user = this.discord.createUser({ username });
    world.guild.addMember(user);
    return user;
  }

  /** Stops the bot and the emulator and deletes the folder. */
  public async close(): Promise<void> {
    await this.stopBot();
    await this.discord.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
