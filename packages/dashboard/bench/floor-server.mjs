// Measuring aid: the machine's floor for one kept-alive HTTP request under the bench's load. A bare
// node:http server in its own process, answering every GET with one fixed body (the bot's
// /status.json at setup, so the same size) and nothing else: no bot, no dashboard, no thread
// shared with either. Polled beside the two ports in the same open phases, it tells how much of a
// probe's wall time is the machine's (the kernel waking two processes on cores the command load
// keeps busy) rather than the dashboard's. Started with fork; IPC { body } → { port }; 'exit' ends it.
//
// Each answer says, in `Server-Timing: wait;dur=`, how long this thread waited runnable for a core
// between the end of its previous loop turn and the start of this answer (run-delay.mjs): it
// sleeps in between, so that is mostly the kernel's delay in waking it for this request.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { runDelayMs } from './run-delay.mjs';

let body = Buffer.alloc(0);
let lastWait = runDelayMs();
const server = createServer({ noDelay: true }, (request, response) => {
  const t0 = performance.now();
  const wait = runDelayMs();
  const waited = wait === null || lastWait === null ? null : wait - lastWait;
  const timing = `app;dur=${(performance.now() - t0).toFixed(2)}${waited === null ? '' : `, wait;dur=${waited.toFixed(3)}`}`;
  response.writeHead(200, {
    'content-type': 'application/health+json',
    'content-length': String(body.length),
    'server-timing': timing,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  // Read once this loop turn's work is done (the check phase, just before the thread sleeps in
  // epoll): from there to the next request it sleeps, so the next read's difference is that
  // wake-up's wait. A preemption between this read and the sleep is still counted (approximate).
  setImmediate(() => {
    lastWait = runDelayMs();
  });
});
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
  if (typeof message?.body !== 'string') return;
  body = Buffer.from(message.body);
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
});
