// A dashboard client on its own thread (a scraper or a browser is another process): its own
// event loop sends the request and reads the answer, so the wall time measured is the bot
// process's time to answer, not this client's wait for the event loop the bot and the command
// load share. Started once (a thread takes a while to boot on a loaded machine), it polls between
// 'start' and 'stop' messages, posting { wallMs, appMs } per request; 'exit' ends it.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, pauseMs } = workerData;
let running = false;
let wake = () => undefined;
parentPort.on('message', (message) => {
  if (message === 'start') running = true;
  if (message === 'stop') running = false;
  if (message === 'exit') parentPort.close();
  wake();
});
parentPort.postMessage('ready');
for (;;) {
  if (!running) {
    await new Promise((resolve) => {
      wake = resolve;
    });
    continue;
  }
  const t0 = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const wallMs = performance.now() - t0;
  const dur = /dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
  // A sample whose request started before 'stop' still counts: it was sent during the phase.
  parentPort.postMessage({ wallMs, appMs: dur === undefined ? null : Number(dur) });
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}
