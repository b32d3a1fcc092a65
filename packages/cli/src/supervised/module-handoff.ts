// A customised bot under supervision: its own module (the template's src/index.ts, say) calls
// runBot with createBot options that cannot cross into a worker thread (a logger, shared module
// instances, functions). So the worker imports that same module, and the module's runBot call,
// finding this handoff, gives its options to the worker entry instead of starting a supervisor,
// then resolves with the bot the entry started.
import type { CreateBotOptions, ZoryxClient } from '@zoryx/framework';
import { CliError } from '../errors.js';

/**
 * The createBot options of a customised bot, as `runBot({ bot })` takes them: everything but
 * what runBot decides itself (the folder, the config, the environment, the supervisor's relay
 * and activity sink, the signal and error handlers). Its `clientOptions` are merged under the
 * relay's (the gateway, intents and shards are the supervisor's).
 */
export type CustomBotOptions = Omit<
  CreateBotOptions,
  'cwd' | 'configPath' | 'config' | 'env' | 'activity' | 'handleSignals' | 'handleErrors'
>;

/** What the module's runBot call hands over: its options, and how to tell it the outcome. */
export interface HandedOver {
  readonly bot: CustomBotOptions;
  started(bot: ZoryxClient): void;
  failed(error: unknown): void;
}

interface Handoff {
  hand(bot: CustomBotOptions): Promise<ZoryxClient>;
}

// One slot per thread, whatever copies of this module are loaded: the worker entry is
// dist/supervised-worker.js, the bot's module imports @zoryx/cli's dist/index.js.
const KEY = Symbol.for('zoryx.cli.module-handoff');
const slot = globalThis as { [KEY]?: Handoff };

/**
 * In runBot: the handoff of the worker entry that imported this module, or undefined (runBot
 * then runs the bot itself). Taken once: a second runBot call in the module starts its own.
 */
export function takeHandoff(): Handoff | undefined {
  const handoff = slot[KEY];
  delete slot[KEY];
  return handoff;
}

/**
 * In the worker entry: imports `module` and resolves with what its runBot call hands over.
 * Rejects with `ZRX_CLI_BOT_MODULE` when the module fails to load, or finishes loading without
 * calling runBot.
 */
export function importBotModule(module: string): Promise<HandedOver> {
  return new Promise<HandedOver>((resolve, reject) => {
    slot[KEY] = {
      hand: (bot) =>
        new Promise<ZoryxClient>((started, failed) => {
          resolve({ bot, started, failed });
        }),
    };
    // The module's top level usually awaits runBot: its import settles only once the bot
    // started (or failed), so a settlement after the handoff changes nothing.
    import(module).then(
      () =>
        reject(
          new CliError(
            'ZRX_CLI_BOT_MODULE',
            `The bot module ${module} loaded without calling runBot().`,
          ),
        ),
      (error: unknown) =>
        reject(
          new CliError(
            'ZRX_CLI_BOT_MODULE',
            `The bot module ${module} failed to load in the worker: ${error instanceof Error ? error.message : String(error)}`,
          ),
        ),
    );
  }).finally(() => {
    delete slot[KEY];
  });
}
