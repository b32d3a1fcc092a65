// What fault isolation's attribution costs per command, CPU only: a command-like async chain of
// ~100 promises (a slash `ping` creates ~106 in the bot, a `!ping` ~126) timed in fresh
// processes, rounds interleaved: without AsyncLocalStorage ("off"), with it enabled in the
// process (Node 20 then runs a promise hook for every promise: "enabled"), and each chain run
// inside the loader's runAsExtension with an activity sink, as the framework runs a command
// ("attributed"). Needs a build of @zoryx/loader.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROUNDS = 5;
const mode = process.argv[2];

if (mode) {
  const { runAsExtension } = await import('@zoryx/loader');
  const step = async (i) => i;
  const chain = async () => {
    let sum = 0;
    for (let i = 0; i < 50; i++) sum += await step(i);
    return sum;
  };
  const sink = () => {};
  if (mode !== 'off') runAsExtension('warm-up', () => {}); // the first run enables the storage
  const run = mode === 'attributed' ? () => runAsExtension('bench', chain, sink) : chain;
  for (let i = 0; i < 5_000; i++) await run();
  const n = 20_000;
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(before);
  process.stdout.write(String((used.user + used.system) / n));
} else {
  const self = fileURLToPath(import.meta.url);
  const samples = { off: [], enabled: [], attributed: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of Object.keys(samples)) {
      const out = spawnSync(process.execPath, [self, m], { encoding: 'utf8' });
      samples[m].push(Number(out.stdout));
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const off = median(samples.off);
  for (const [m, v] of Object.entries(samples)) {
    console.log(
      `${m.padEnd(10)} ${median(v).toFixed(2)} µs CPU per ~100-promise chain (runs: ${v.map((x) => x.toFixed(2)).join(', ')})${m === 'off' ? '' : `, +${(median(v) - off).toFixed(2)} µs`}`,
    );
  }
}
