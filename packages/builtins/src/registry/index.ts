import { defineExtension } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import {
  prAlertChannelCommand,
  prEnforceCommand,
  prInfoCommand,
  prListCommand,
  prValidateCommand,
  REGISTRY,
} from './registry-commands.js';
import { RegistryService } from './registry-service.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /** The public API of the built-in extension (what its `setup` returns). */
    registry: RegistryService;
  }
}

/**
 * The registry built-in: `pr_list`, `pr_info`, `pr_validate`, `pr_enforce`, `pr_alert_channel`.
 * Failed reloads (`extension_reload_failed`) are posted to the alert channel.
 */
export default defineExtension({
  name: REGISTRY,
  version: '0.1.0',
  description: 'Extension registry: versions, dependencies, conflicts, cycles and enforcement',
  author: 'Zoryx',
  commands: [
    prListCommand,
    prInfoCommand,
    prValidateCommand,
    prEnforceCommand,
    prAlertChannelCommand,
  ],
  setup(ctx) {
    const service = new RegistryService(ctx.client, ctx.store);
    ctx.hooks.on(
      'extension_reload_failed',
      async ({ name, error, runningVersion }) => {
        ctx.logger.warn({ extension: name, error }, `reload of ${name} failed`);
        await service.alerts.post(
          ctx.client,
          styledEmbed(
            'error',
            'Extension reload failed',
            `\`${name}\` could not be reloaded: [${error.code ?? error.name}] ${error.message}\n${runningVersion ? `Version ${runningVersion} keeps running.` : 'Nothing could be kept running.'}`,
          ),
        );
      },
      { id: 'alert-reload-failed' },
    );
    return service;
  },
});

export {
  type ConflictReport,
  type DependencyReport,
  explainExtension,
  type RelationsReport,
  relationsOf,
} from './extension-report.js';
export { type RegistryEntry, RegistryService } from './registry-service.js';
