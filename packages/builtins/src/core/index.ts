import { defineExtension } from '@zoryx/framework';
import { aboutCommand, BUILTINS_VERSION } from './about.js';
import { cleanupCommand } from './cleanup.js';
import { configCommand } from './config-roles.js';
import { coreConfigSchema } from './core-config.js';
import { loadCommand, reloadCommand, unloadCommand } from './extension-admin.js';
import { extensionsCommand } from './extension-list.js';
import { helpCommand } from './help.js';
import { integritycheckCommand } from './integritycheck-command.js';
import { mentionprefixCommand, setprefixCommand } from './prefix-settings.js';
import { serversettingsCommand } from './server-settings.js';
import { SessionUses, type SessionUsesView } from './session-uses.js';
import { statsCommand } from './stats.js';
import { cachestatsCommand, dbstatsCommand } from './storage-stats.js';
import { syncCommand } from './sync.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /** The public API of the built-in extension (what its `setup` returns). */
    core: CoreBuiltinApi;
  }
}

/** The public API of the core built-in (reachable as `ctx.extensions.get('core')`). */
export interface CoreBuiltinApi {
  /** Commands run since this load of core, per command (what `stats` shows as this session). */
  readonly sessionUses: SessionUsesView;
}

/**
 * The `core` built-in extension: help, stats, extensions, about, the guild settings (setprefix,
 * mentionprefix, serversettings, config) and the owner tools (load, unload, reload, sync,
 * cachestats, dbstats, integritycheck, cleanup). It also counts this
 * session's command uses for `stats` (the framework records the all-time counts).
 */
export default defineExtension({
  name: 'core',
  version: BUILTINS_VERSION,
  description: 'Help, stats, extension management and guild settings',
  author: 'Zoryx',
  config: coreConfigSchema,
  commands: [
    helpCommand,
    statsCommand,
    extensionsCommand,
    aboutCommand,
    setprefixCommand,
    mentionprefixCommand,
    serversettingsCommand,
    configCommand,
    loadCommand,
    unloadCommand,
    reloadCommand,
    syncCommand,
    cachestatsCommand,
    dbstatsCommand,
    integritycheckCommand,
    cleanupCommand,
  ],
  setup(ctx): CoreBuiltinApi {
    // Per load: a reload (or a second bot in the process) starts its own count.
    const sessionUses = new SessionUses();
    ctx.hooks.on(
      'command_executed',
      ({ commandName }) => {
        sessionUses.count(commandName);
      },
      { id: 'usage' },
    );
    return { sessionUses };
  },
});

export { type CoreConfig, coreConfigSchema } from './core-config.js';
export type { SessionUsesView } from './session-uses.js';
