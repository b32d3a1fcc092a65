// Child process: the product's path, `runBot` of @zoryx/cli (what `zoryx start` and the template's
// `npm start` run): the bot folder's settings read in this thread, the supervisor, the bot in its
// worker (dist/supervised-worker.js). @zoryx/cli depends on this package, so it is imported by
// path (its own dependencies resolve from packages/cli): build it first.
import './cpu-report.mjs';
import { mark, reportMarks } from './phase-marks.mjs';

reportMarks();

const cli = new URL('../../../cli/dist/index.js', import.meta.url);
const { runBot } = await import(cli.href);
mark('cliImported');

const quiet = () => undefined;
const running = await runBot({
  cwd: process.env.ZORYX_BENCH_DIR,
  // createBot's options of the other Zoryx scenarios (bot-options.mjs), as JSON: the worker reads
  // the rest (DISCORD_TOKEN, ZORYX_DISCORD_API) from the environment as a deployed bot does.
  config: {
    logging: { file: false, level: 'silent' },
    autoReload: process.env.ZORYX_BENCH_AUTORELOAD === '1',
    commands: { ping: { cooldown: { limit: 1_000_000, windowSeconds: 1 } } },
    intake: { commandsPerUser: false },
    components: { statusRotation: false },
  },
  handleSignals: false,
  logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
});
for (const event of ['worker_started', 'worker_stalled', 'worker_crashed', 'worker_restarted']) {
  running.supervisor?.on(event, (payload) => process.send?.({ event, payload }));
}
mark('supervisorServing');
process.send?.({ started: true });
process.on('message', async (m) => {
  if (m === 'stop') {
    await running.close('bench');
    process.exit(0);
  }
});
