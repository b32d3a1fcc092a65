// Measuring aid: the machine's floor for one kept-alive HTTP request under the bench's load. A bare
// node:http server in its own process, answering every GET with one fixed body (the bot's
// /status.json at setup, so the same size) and nothing else: no bot, no dashboard, no thread
// shared with either. Polled beside the two ports in the same open phases, it tells how much of a
// probe's wall time is the machine's (the kernel waking two processes on cores the command load
// keeps busy) rather than the dashboard's. Started with fork; IPC { body } → { port }; 'exit' ends it.
import { createServer } from 'node:http';

let body = Buffer.alloc(0);
const server = createServer((request, response) => {
  response.writeHead(200, {
    'content-type': 'application/health+json',
    'content-length': String(body.length),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
});
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'exit') process.exit(0);
  if (typeof message?.body !== 'string') return;
  body = Buffer.from(message.body);
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
});
