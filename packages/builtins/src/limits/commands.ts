import type { ZoryxClient } from '@zoryx/framework';
import type { AtomicStore } from '@zoryx/store';
import { extensionApi } from '../hooks/extension-api.js';
import { defineCommand } from '../shared/command.js';
import { styledEmbed, warningEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { type CommandInteraction, replyError, respond } from '../shared/replies.js';
import { runAtomicTest } from './atomic-test.js';
import { slashLimitFields } from './slash-report.js';
import { healthKind, storeFields } from './store-report.js';

/** Name of the limits extension. */
export const LIMITS = 'limits';
const COOLDOWN = { limit: 1, seconds: 10 } as const;

function clientOf(interaction: CommandInteraction): ZoryxClient {
  return interaction.client as unknown as ZoryxClient;
}

/** `slashlimit`: slash commands used against the limit, level, folded and prefix-only ones. */
export const slashLimitCommand = defineCommand({
  name: 'slashlimit',
  description: 'Slash command usage against the limit, folded and prefix-only commands',
  detail:
    'Discord allows 100 global slash commands. Past the safe limit, commands are folded under category roots (`/root sub`), then made prefix-only; each is listed with why.',
  cooldown: COOLDOWN,
  // Like the original, the report itself is never folded or made prefix-only.
  pinned: true,
  async run(interaction) {
    const client = clientOf(interaction);
    const table = client.commandService.table;
    if (!table) {
      return respond(interaction, [
        warningEmbed('Commands have not been planned yet.', 'Slash limit'),
      ]);
    }
    const level = table.plan.status.level;
    const kind = level === 'ok' ? 'success' : level === 'warning' ? 'warning' : 'error';
    return respond(interaction, [
      styledEmbed(
        kind,
        'Slash command limit',
        undefined,
        slashLimitFields(table.plan, client.config.slashLimit),
      ),
    ]);
  },
});

/** `atomicstats`: the bot's atomic store counters and health. */
export const atomicStatsCommand = defineCommand({
  name: 'atomicstats',
  description: 'Atomic file store statistics and health',
  cooldown: COOLDOWN,
  async run(interaction) {
    const stats = clientOf(interaction).store.stats();
    return respond(interaction, [
      styledEmbed(healthKind(stats.health), 'Atomic store', undefined, storeFields(stats)),
    ]);
  },
});

/** `atomictest` (owner): a live self-test of the store with timings; cleans up after itself. */
export const atomicTestCommand = defineCommand({
  name: 'atomictest',
  description: 'Self-test of the atomic store: writes, reads, concurrency, invalidation (owner)',
  access: 'owner',
  async run(interaction) {
    const store = extensionApi<{ store: AtomicStore }>(interaction.client, LIMITS)?.store;
    if (!store) return replyError(interaction, 'The limits extension is not running.');
    await interaction.deferReply();
    const steps = await runAtomicTest(store, `atomictest-${interaction.id}.json`);
    const failed = steps.filter((s) => !s.ok);
    const lines = steps.map(
      (s) =>
        `${s.ok ? '✅' : '❌'} ${s.name} — ${formatMs(s.ms)}${s.detail ? ` (${s.detail})` : ''}`,
    );
    return respond(interaction, [
      styledEmbed(
        failed.length === 0 ? 'success' : 'error',
        'Atomic store self-test',
        `${failed.length === 0 ? 'All steps passed.' : `${failed.length} step(s) failed.`}\n${lines.join('\n')}`,
      ),
    ]);
  },
});
