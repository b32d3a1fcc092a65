import { defineExtension } from '@zoryx/framework';
import { ruleModal, rulesCommand } from '../commands/rules-command.js';
import { taskCommand } from '../commands/task-command.js';
import { registerTaskHandler } from '../scheduling/owner-tasks.js';
import { AutomationService } from '../service/automation-service.js';
import { automationGuildMigrations } from '../storage/automation-tables.js';
import { createAutomationsApi } from './automations-api.js';
import { listenToDiscord } from './event-listeners.js';

/**
 * The `automations` extension: rules (trigger → conditions → actions) per guild, ten presets,
 * dry runs, the `rules` and `task` commands. Enable it with
 * `"extensions": { "packages": ["@zoryx/automations"] }`.
 */
export const automations = defineExtension({
  name: 'automations',
  version: '0.1.0',
  description: 'Rules (trigger → conditions → actions), presets, dry runs and scheduled tasks',
  migrations: { guild: automationGuildMigrations },
  commands: [rulesCommand, taskCommand],
  components: [ruleModal],
  setup(ctx) {
    const service = new AutomationService(ctx);
    listenToDiscord(ctx, service);
    registerTaskHandler(ctx);
    return createAutomationsApi(service);
  },
});
