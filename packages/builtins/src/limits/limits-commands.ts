import { defineCommand } from '@zoryx/framework';
import { styledEmbed, warningEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { respond } from '../shared/replies.js';
import { slashLimitFields } from './slash-report.js';
import { healthKind, storeFields } from './store-report.js';
import { runStoreSelfTest } from './store-selftest.js';

/** Name of the limits extension. */
export const LIMITS = 'limits';
const COOLDOWN = { limit: 1, seconds: 10 } as const;

/** `slashlimit`: slash commands used against the limit, level, folded and prefix-only ones. */
export const slashLimitCommand = defineCommand({
  name: 'slashlimit',
  description: 'Slash command usage against the limit, folded and prefix-only commands',
  detail:
    'Discord allows 100 global slash commands. Past the safe limit, commands are folded under category roots (`/root sub`), then made prefix-only; each is listed with why.',
  cooldown: COOLDOWN,
  // Like the original, the report itself is never folded or made prefix-only.
  pinned: true,
  async run(interaction, _args, { client }) {
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

/** `atomicstats` (owner, as in the original): the bot's atomic store counters and health. */
export const atomicStatsCommand = defineCommand({
  name: 'atomicstats',
  description: 'Atomic file store statistics and health (owner)',
  access: 'owner',
  cooldown: COOLDOWN,
  async run(interaction, _args, { client }) {
    const stats = client.store.stats();
    return respond(interaction, [
      styledEmbed(healthKind(stats.health), 'Atomic store', undefined, storeFields(stats)),
    ]);
  },
});

/**
 * `atomictest` (owner): a live self-test of the store with timings, on scratch files in the
 * limits extension's own store; cleans up after itself.
 */
export const atomicTestCommand = defineCommand({
  name: 'atomictest',
  description: 'Self-test of the atomic store: writes, reads, concurrency, invalidation (owner)',
  access: 'owner',
  async run(interaction, _args, ctx) {
    await interaction.deferReply();
    const steps = await runStoreSelfTest(ctx.store, `atomictest-${interaction.id}.json`);
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
