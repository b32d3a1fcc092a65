import { BUDGET_LIMITS } from '../model/rule-schema.js';
import { PRESETS } from '../presets/preset-catalogue.js';
import type { AutomationService } from '../service/automation-service.js';

/** One cell of a dashboard table. */
type Cell = string | number | boolean | null;

/**
 * The extension's dashboard page, as data (what `@zoryx/dashboard` renders for an API with
 * `dashboardPage()`; no markup, every string shown as text).
 */
export interface AutomationsPage {
  title: string;
  settings: Array<{ key: string; label: string; value: Cell }>;
  widgets: Array<
    | { kind: 'stat'; label: string; value: string | number }
    | { kind: 'table'; label: string; columns: string[]; rows: Cell[][] }
  >;
}

/** Most rule rows the page lists. */
const MAX_ROWS = 500;

/** Builds the page: the limits in force, and the rules of the servers the bot is in. */
export async function automationsPage(
  service: AutomationService,
  guilds: ReadonlyArray<{ id: string; name: string }>,
): Promise<AutomationsPage> {
  const rows: Cell[][] = [];
  let total = 0;
  let enabled = 0;
  for (const guild of guilds) {
    const index = await service.registry.index(guild.id);
    for (const loaded of index.rules.values()) {
      total++;
      if (loaded.rule.enabled) enabled++;
      if (rows.length >= MAX_ROWS) continue;
      const runs = service.limiter.stats(loaded.id);
      rows.push([
        guild.name.slice(0, 100),
        loaded.id,
        loaded.rule.name,
        loaded.rule.enabled,
        loaded.rule.preset ?? null,
        runs.started,
        runs.queued,
      ]);
    }
  }
  return {
    title: 'Automations',
    settings: [
      { key: 'presets', label: 'Presets', value: [...PRESETS.keys()].join(', ') },
      { key: 'budget.actions', label: 'Max actions per run', value: BUDGET_LIMITS.actions },
      { key: 'budget.apiCalls', label: 'Max API calls per run', value: BUDGET_LIMITS.apiCalls },
      { key: 'budget.wallMs', label: 'Max wall time per run (ms)', value: BUDGET_LIMITS.wallMs },
      { key: 'budget.depth', label: 'Max run_rule depth', value: BUDGET_LIMITS.depth },
    ],
    widgets: [
      { kind: 'stat', label: 'Rules', value: total },
      { kind: 'stat', label: 'Enabled', value: enabled },
      {
        kind: 'table',
        label: 'Rules',
        columns: ['Server', 'Id', 'Name', 'Enabled', 'Preset', 'Runs', 'Queued'],
        rows,
      },
    ],
  };
}
