import { bench, describe } from 'vitest';
import { buildBigGuild, wipeGuild } from '../test/fixtures/big-guild.js';
import { startBackupBot } from '../test/test-bot.js';

/*
 * The end-to-end guild (100 roles, 220 channels of every type with role and member overwrites,
 * 12 emojis, 3 stickers, 3 AutoMod rules, 5 bans, extension data) against the emulator with a
 * real discord.js client:
 * - capture: `create()` (REST reads + image downloads + storing), target < 2 s;
 * - restore of the wiped guild: Discord write calls made vs the minimum the plan computes
 *   (target ≤ 1.1×), and wall time vs the original's pacing (one request per second, the
 *   peer), computed from the plan's call count because running it for real would take minutes.
 * The restore runs under per-route buckets of 50 requests per second (a pace Discord allows in
 * bursts), so what is reported is not the emulator's unlimited speed. Vitest runs no afterAll in
 * bench mode, so the restore is measured before the capture bench and printed to stderr.
 */

const t = await startBackupBot({
  config: { extensions: { config: { backup: { maxPerGuild: 500 } } } },
});
await buildBigGuild(t.bot, t.guild.id, {
  roles: 100,
  channels: 200,
  memberId: t.member.id,
  bannable: Array.from(
    { length: 5 },
    (_, i) => t.discord.createUser({ username: `raider-${i}` }).id,
  ),
});
const api = t.bot.extensions.get('backup');
if (!api) throw new TypeError('the backup extension did not load');

const line = (label: string, value: string) =>
  process.stderr.write(`${label.padEnd(46)} ${value}\n`);
const captureStarted = performance.now();
const { id: backupId } = await api.create(t.guild.id);
const firstCapture = performance.now() - captureStarted;

await wipeGuild(t.bot, t.guild.id);
const plan = await api.plan(t.guild.id, backupId);
t.discord.rateLimits.configure({ buckets: { limit: 50, windowMs: 1_000 } });
t.discord.clearRequests();
const restoreStarted = performance.now();
const result = await api.restore(t.guild.id, backupId);
const wall = (performance.now() - restoreStarted) / 1000;
t.discord.rateLimits.configure({});
const requests = t.discord.requests().filter((r) => !r.route.startsWith('/cdn/'));
const writes = requests.filter((r) => r.method !== 'GET');
process.stderr.write('\n@zoryx/backup bench (same run)\n');
line('capture of the guild (first, cold)', `${firstCapture.toFixed(0)} ms (target < 2000 ms)`);
line('restore: plan minimum (Discord write calls)', String(plan.apiCalls));
line(
  'restore: write calls made',
  `${writes.length} (${(writes.length / plan.apiCalls).toFixed(3)}×, target ≤ 1.1×)`,
);
line(
  'restore: all REST calls incl. reads',
  `${requests.length} (${(requests.length / plan.apiCalls).toFixed(3)}×)`,
);
line('restore: wall time (50 req/s buckets)', `${wall.toFixed(1)} s`);
line(
  'naive 1 request/s restore (computed)',
  `${plan.apiCalls} s → ${(plan.apiCalls / wall).toFixed(1)}× our wall time`,
);
line('restore result', JSON.stringify({ ...result, differences: result.differences.length }));

describe('@zoryx/backup', () => {
  bench(
    'capture (create) of 100 roles, 220 channels, emojis, stickers, AutoMod, bans',
    async () => {
      await api.create(t.guild.id);
    },
    { iterations: 10, warmupIterations: 1, time: 0 },
  );
});
