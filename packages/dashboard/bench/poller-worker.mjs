// A dashboard client polling one URL, like a scraper or a browser: by default its own process
// (BENCH_POLLERS=process, started with fork: a scraper is another process on the machine), or a
// worker thread of the bench process (BENCH_POLLERS=thread). Its own event loop sends each
// request and reads the answer, so the wall time measured is the bot's time to answer, not this
// client's wait for the event loop the emulator and the command load share. HTTP/1.1 over one
// kept-alive connection (node:http, as Prometheus and kubelet keep theirs; fetch's own overhead,
// ~0.3 ms a request here, is not the bot's), Nagle off. Started once, it polls between 'start'
// and 'stop' messages, posting per request { wallMs, appMs, serverWaitMs, clientWaitMs,
// clientGcMs, reusedConnection }; 'exit' ends it.
//
// wallMs is performance.now() from just before the request is written to its last byte. Part of
// it is no one's work: clientWaitMs is the time this thread spent runnable but waiting for a core
// during the request (Linux /proc/thread-self/schedstat, field 2), i.e. the kernel's delay in
// waking the client once the answer arrived; serverWaitMs the server's own such wait when it
// reports one (`Server-Timing: wait;dur=`, floor-server.mjs does). null where not available.
import http from 'node:http';
import https from 'node:https';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { runDelayMs } from './run-delay.mjs';

const channel = parentPort ?? {
  on: (event, listener) => process.on(event, listener),
  postMessage: (message) => process.send?.(message),
  close: () => process.disconnect?.(),
};
const { url, pauseMs } = workerData ?? JSON.parse(process.env.BENCH_POLLER ?? '{}');
const client = url.startsWith('https:') ? https : http;
const agent = new client.Agent({ keepAlive: true, maxSockets: 1, noDelay: true });
// This client's own garbage collection, to tell whether a slow sample was the client's GC.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });
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

/** A `Server-Timing` metric's duration (`name;dur=1.23`), or null. */
function timingOf(header, name) {
  const dur = new RegExp(`(?:^|,)\\s*${name};dur=([\\d.]+)`).exec(header)?.[1];
  return dur === undefined ? null : Number(dur);
}

/** One GET: wall time from sending to the last byte, Server-Timing, and the run-queue waits. */
function get() {
  return new Promise((resolve, reject) => {
    const wait0 = runDelayMs();
    const gc0 = gcMs;
    const t0 = performance.now();
    const request = client
      .get(url, { agent, rejectUnauthorized: false }, (response) => {
        response.resume();
        response.on('end', () => {
          const wallMs = performance.now() - t0;
          const wait1 = runDelayMs();
          const timing = String(response.headers['server-timing'] ?? '');
          resolve({
            wallMs,
            appMs: timingOf(timing, 'app'),
            serverWaitMs: timingOf(timing, 'wait'),
            clientWaitMs: wait0 === null || wait1 === null ? null : wait1 - wait0,
            // GC entries arrive after the pause: a pause inside this request may be counted in
            // the next sample; the maximum over a phase is what the summary reports.
            clientGcMs: gcMs - gc0,
            // false: this request had to open a new connection (keep-alive not reused).
            reusedConnection: request.reusedSocket,
          });
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
