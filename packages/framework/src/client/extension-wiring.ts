import { join } from 'node:path';
import type { Piece, Store, StoreRegistryKey } from '@sapphire/framework';
import * as sapphire from '@sapphire/framework';
import type { Migration, ZoryxDatabase } from '@zoryx/db';
import type { ActivitySink, EnforcementToggles, ExtensionHostOptions } from '@zoryx/loader';
import * as loader from '@zoryx/loader';
import { outsideExtension } from '@zoryx/loader';
import { AtomicStore } from '@zoryx/store';
import * as discord from 'discord.js';
import type { ExtensionFaults } from '../faults/extension-faults.js';
import * as framework from '../index.js';
import * as internals from '../internals.js';
import { createExtensionJobs, type ExtensionJobs } from '../jobs/extension-jobs.js';
import { createClientView } from './client-view.js';
import { PieceOwnership } from './extension-pieces.js';
import { zodModule } from './zod-on-demand.js';
import type { ZoryxClient } from './zoryx-client.js';

declare module '@zoryx/loader' {
  interface ExtensionContextExtras {
    /** The bot's client. */
    readonly client: ZoryxClient;
    /** The bot's databases (main + per guild). */
    readonly db: ZoryxDatabase;
    /** An atomic JSON store rooted at `data/extensions/<name>/`, closed on unload. */
    readonly store: AtomicStore;
    /** Jobs that survive restarts (one live job per id), kept in the main database. */
    readonly jobs: ExtensionJobs;
  }
  interface ExtensionMigrations {
    /** Migrations of the main database, by name (run in name order). */
    main?: Record<string, Migration>;
    /** Migrations of every guild database, by name. */
    guild?: Record<string, Migration>;
  }
}

/** Store path of the persisted dependency/conflict enforcement toggles. */
export const ENFORCEMENT_PATH = 'framework/enforcement.json';

/** How extensions are isolated from each other and from the bot. */
export interface ExtensionIsolation {
  /** Told which extension runs (see `ExtensionHostOptions.activity`). */
  readonly activity: ActivitySink | undefined;
  /** Where errors escaping an extension are reported, and quarantines persisted. */
  readonly faults: ExtensionFaults;
}

/**
 * The loader options that connect extensions to the client: their `ctx` extras (`ctx.client` is a
 * view whose listeners the extension owns), their migrations, their Sapphire pieces (inserted
 * after `setup`, running as the extension, removed on unload, commands re-planned), fault
 * isolation (activity, quarantine), and the module instances their code shares with the host.
 */
export function createExtensionWiring(
  client: ZoryxClient,
  directory: string,
  sharedModules: Readonly<Record<string, unknown>> = {},
  isolation?: ExtensionIsolation,
): { options: ExtensionHostOptions; ownership: PieceOwnership } {
  const activity = isolation?.activity;
  const ownership = new PieceOwnership(
    (name: StoreRegistryKey) => client.stores.get(name) as Store<Piece> | undefined,
    activity,
  );
  const { config } = client;
  const options: ExtensionHostOptions = {
    bus: client.hooks,
    directory,
    packages: config.extensions.packages,
    resolveFrom: directory,
    blacklist: config.extensions.blacklist,
    enforcement: async () =>
      (await client.store.readJson<EnforcementToggles>(ENFORCEMENT_PATH)) ?? {},
    setupTimeoutMs: config.extensions.setupTimeoutMs,
    // Boot reuses bundles whose files are unchanged (checked by hash) instead of compiling again.
    compileCacheDir: join(client.dataDir, 'cache', 'extensions'),
    logger: client.zoryxLogger.child({ component: 'extensions' }),
    config: (name) => config.extensions.config[name],
    ...(activity ? { activity } : {}),
    ...(isolation ? { quarantine: isolation.faults.quarantineStore() } : {}),
    createContext: async (info, scope) => {
      const store = scope.own(
        new AtomicStore({ root: join(client.dataDir, 'extensions', info.name) }),
      );
      const migrations = info.definition.migrations;
      if (migrations?.main) await client.db.registerMigrations(info.name, 'main', migrations.main);
      if (migrations?.guild)
        await client.db.registerMigrations(info.name, 'guild', migrations.guild);
      const view = isolation
        ? createClientView(client, {
            extension: info.name,
            scope,
            activity,
            onError: (error) => isolation.faults.report(info.name, 'listener-error', error),
          })
        : client;
      const jobs = createExtensionJobs(client.jobs, info.name, (release) =>
        scope.onDispose(release),
      );
      return { client: view, db: client.db, store, jobs };
    },
    afterSetup: async (info, ctx) => {
      const pieces = await ownership.insert(info, ctx);
      const commands = pieces.filter((p) => p.store === 'commands');
      ctx.onDispose(async () => {
        await ownership.remove(pieces);
        for (const command of commands) client.cooldowns.forget(command.name);
        if (commands.length > 0) client.commandService.schedule();
      });
      // The debounced sync is the bot's work: not attributed to the extension that triggered it.
      if (commands.length > 0) outsideExtension(() => client.commandService.schedule());
    },
    sharedModules: withZodOnDemand(
      // Copied by descriptor, not spread: a caller's getter (a module loaded on demand) stays one.
      Object.defineProperties(
        {
          '@sapphire/framework': sapphire,
          'discord.js': discord,
          '@zoryx/loader': loader,
          '@zoryx/framework': framework,
          // The framework's own extensions (the built-ins) read its runtime through the internals:
          // they must get this instance, whose state is the host's, never a second copy.
          '@zoryx/framework/internals': internals,
        },
        Object.getOwnPropertyDescriptors(sharedModules),
      ),
    ),
  };
  return { options, ownership };
}

/**
 * Adds the host's zod to the shared modules (unless the caller shares its own), as a getter: the
 * loader reads it when an extension's code first imports zod, so only then is zod loaded.
 */
function withZodOnDemand(modules: Record<string, unknown>): Record<string, unknown> {
  if (Object.hasOwn(modules, 'zod')) return modules;
  return Object.defineProperty(modules, 'zod', { enumerable: true, get: zodModule });
}
