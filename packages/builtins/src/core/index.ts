import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { aboutCommand, BUILTINS_VERSION } from './about.js';
import { cleanupCommand } from './cleanup.js';
import { configCommand } from './config-roles.js';
import { coreState } from './core-state.js';
import { loadCommand, reloadCommand, unloadCommand } from './extension-admin.js';
import { extensionsCommand } from './extensions.js';
import { helpCommand } from './help.js';
import { integritycheckCommand } from './integritycheck.js';
import { mentionprefixCommand, setprefixCommand } from './prefix-settings.js';
import { serversettingsCommand } from './server-settings.js';
import { statsCommand } from './stats.js';
import { cachestatsCommand, dbstatsCommand } from './storage-stats.js';
import { syncCommand } from './sync.js';

/** The `core` extension's config (`extensions.config.core` in config.json). */
export const coreConfigSchema = z.object({
  /** Idle seconds before interactive views (help, extensions) disable their controls. */
  viewTimeoutSeconds: z.number().min(1).max(840).default(180),
});

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
  setup(ctx) {
    coreState.viewTimeoutMs = ctx.config.viewTimeoutSeconds * 1000;
    coreState.sessionUses.clear();
    coreState.signal = ctx.signal;
    ctx.hooks.on(
      'command_executed',
      ({ commandName }) => {
        coreState.sessionUses.set(commandName, (coreState.sessionUses.get(commandName) ?? 0) + 1);
      },
      { id: 'usage' },
    );
  },
});
