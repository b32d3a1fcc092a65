import { defineCommand } from '@zoryx/framework';
import { runtimeFor } from './context.js';
import { busEmbed, COLOURS, errorLines, processesEmbed } from './embeds.js';
import { answerWith } from './shard-commands.js';

/** `clusters`: every process of the bot (role, shards, uptime, memory); partial on silence. */
export const clusters = defineCommand({
  name: 'clusters',
  description: 'Lists the processes of the bot: role, shards, guilds, uptime and memory',
  access: 'owner',
  category: 'cluster',
  run: (interaction, _args, ctx) =>
    answerWith(
      interaction,
      async () => {
        const runtime = runtimeFor(ctx);
        const { rows, errors } = await runtime.processes();
        return processesEmbed(rows, errors, runtime.mode);
      },
      { defer: true },
    ),
});

/** `busstatus`: the Redis streams, the worker group (pending, lag, consumers) and throughput. */
export const busstatus = defineCommand({
  name: 'busstatus',
  description: 'Shows the event bus: stream lengths, pending, consumers, lag and throughput',
  access: 'owner',
  category: 'cluster',
  run: (interaction, _args, ctx) =>
    answerWith(
      interaction,
      async () => {
        const runtime = runtimeFor(ctx);
        const info = await runtime.busInfo();
        const { rows, errors } =
          info === null ? { rows: [], errors: [] } : await runtime.processes();
        const events = runtime.monitor.metrics().reduce((n, m) => n + m.events, 0);
        return busEmbed(info, rows, errors, events);
      },
      { defer: true },
    ),
});

/** `broadcast <handler> [text]`: runs a named handler on every worker (no code, no eval). */
export const broadcast = defineCommand({
  name: 'broadcast',
  description: 'Runs a named handler (ping, log, or one an extension registered) on every worker',
  access: 'owner',
  category: 'cluster',
  options: {
    handler: { kind: 'string', description: 'Handler name (ping, log, …)', required: true },
    text: { kind: 'string', description: 'Text passed to the handler (up to 1,000 characters)' },
  },
  run: (interaction, { handler, text }, ctx) =>
    answerWith(
      interaction,
      async () => {
        const { rows, errors } = await runtimeFor(ctx).broadcast(handler, text ?? '');
        return {
          title: `Broadcast \`${handler}\` — ${rows.length} answered`,
          color: errors.length > 0 ? COLOURS.yellow : COLOURS.green,
          description:
            [...rows.map((r) => `**${r.process}**: ${r.result}`), ...errorLines(errors)]
              .join('\n')
              .slice(0, 4_000) || 'No worker answered.',
        };
      },
      { defer: true },
    ),
});
