import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Emulator, type EmulatorOptions, startEmulator } from '@zoryx/emulator';
import type { HotReloadEvent } from '@zoryx/loader';
import pino, { type Logger } from 'pino';
import { type CreateBotOptions, createBot } from '../../src/client/create-bot.js';
import type { ZoryxClient } from '../../src/client/zoryx-client.js';
import type { ZoryxConfigInput } from '../../src/config/schema.js';

/** A temp bot folder with real extension files, and an emulator to run it against. */
export class BotFixture {
  public readonly reloads: HotReloadEvent[] = [];
  private readonly waiters: {
    match: (e: HotReloadEvent) => boolean;
    done: (e: HotReloadEvent) => void;
  }[] = [];
  public bot: ZoryxClient | undefined;

  private constructor(
    public readonly dir: string,
    public readonly discord: Emulator,
  ) {}

  /** `emulator` adds or overrides emulator options (e.g. a short `interactionAckTimeout`). */
  public static async create(emulator: EmulatorOptions = {}): Promise<BotFixture> {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-bot-'));
    const discord = await startEmulator({ heartbeatInterval: 60_000, ...emulator });
    return new BotFixture(dir, discord);
  }

  /** Writes a file under the bot folder (e.g. `extensions/greeter/index.ts`). */
  public async write(path: string, content: string): Promise<void> {
    const full = join(this.dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  /**
   * Creates and starts the bot; resolves once it is ready and its commands are synced. `options`
   * adds or overrides createBot options (e.g. `{ handleErrors: true }`).
   */
  public async start(
    config: ZoryxConfigInput = {},
    logger?: Logger,
    options: Partial<CreateBotOptions> = {},
  ): Promise<ZoryxClient> {
    const bot = await createBot({
      cwd: this.dir,
      config: { logging: { file: false }, ...config },
      env: { DISCORD_TOKEN: this.discord.token, ZORYX_DISCORD_API: this.discord.apiUrl },
      clientOptions: this.discord.clientOptions() as never,
      logger: logger ?? pino({ level: process.env.ZORYX_TEST_LOG ?? 'silent' }),
      handleSignals: false,
      commandDebounceMs: 20,
      ...options,
      hotReload: {
        onEvent: (event) => {
          this.reloads.push(event);
          for (const waiter of [...this.waiters]) {
            if (!waiter.match(event)) continue;
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.done(event);
          }
        },
      },
    });
    this.bot = bot;
    await bot.start();
    await bot.commandService.idle();
    return bot;
  }

  /** Resolves with the next hot-reload event about `name` matching `type`. */
  public nextReload(name: string, type: HotReloadEvent['type']): Promise<HotReloadEvent> {
    return new Promise((done) => {
      this.waiters.push({ match: (e) => 'name' in e && e.name === name && e.type === type, done });
    });
  }

  /** Shuts the bot down (the emulator keeps running, like Discord does). */
  public async stopBot(): Promise<void> {
    await this.bot?.shutdown('test');
    this.bot = undefined;
  }

  public async close(): Promise<void> {
    await this.stopBot();
    await this.discord.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
