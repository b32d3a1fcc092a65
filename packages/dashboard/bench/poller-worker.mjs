// A dashboard client polling one URL, like a scraper or a browser: by default its own process
// (BENCH_POLLERS=process, started with fork: a scraper is another process on the machine), or a
// worker thread of the bench process (BENCH_POLLERS=thread). Its own event loop sends each
// request and reads the answer, so the wall time measured is the bot's time to answer, not this
// client's wait for the event loop the emulator and the command load share. HTTP/1.1 over one
// kept-alive connection (node:http, as Prometheus and kubelet keep theirs; fetch's own overhead,
// ~0.3 ms a request here, is not the bot's). Started once, it polls between 'start' and 'stop'
// messages, posting { wallMs, appMs } per request; 'exit' ends it.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const channel = parentPort ?? {
  on: (event, listener) => process.on(event, listener),
  postMessage: (message) => process.send?.(message),
  close: () => process.disconnect?.(),
};
const { url, pauseMs } = workerData ?? JSON.parse(process.env.BENCH_POLLER ?? '{}');
const client = url.startsWith('https:') ? https : http;
const agent = new client.Agent({ keepAlive: true, maxSockets: 1 });
let running = false;
let wake = () => undefined;
channel.on('message', (message) => {
  if (message === 'start') running = true;
  if (message === 'stop') running = false;
  if (message === 'exit') {
    agent.destroy();
    channel.close();
    if (!parentPort) process.exit(0);
  }
  wake();
});
channel.postMessage('ready');

/** One GET: the wall time from sending to the last byte, and the Server-Timing app duration. */
function get() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    client
      .get(url, { agent, rejectUnauthorized: false }, (response) => {
        response.resume();
        response.on('end', () => {
          const wallMs = performance.now() - t0;
          const timing = String(response.headers['server-timing'] ?? '');
          const dur = /dur=([\d.]+)/.exec(timing)?.[1];
          resolve({ wallMs, appMs: dur === undefined ? null : Number(dur) });
        });
      })
      .on('error', reject);
  });
}

for (;;) {
  if (!running) {
    await new Promise((resolve) => {
      wake = resolve;
    });
    continue;
  }
  // A sample whose request started before 'stop' still counts: it was sent during the phase.
  channel.postMessage(await get());
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
