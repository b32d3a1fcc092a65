import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, GatewayIntentBits } from 'discord.js';
import { afterAll, bench, describe } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startEmulator } from '../src/index.js';

/*
 * Round trips through the emulator with a real discord.js client, against the peer "bare
 * floor": the same traffic (one WebSocket frame to the client, one HTTP POST back) with no
 * Discord semantics at all, on the same machine in the same run. The ratio is the emulator's
 * own cost. Percentiles are printed after the run from every sample.
 */

const samples = new Map<string, number[]>();
function timed(name: string, fn: () => Promise<unknown>): () => Promise<void> {
  const list: number[] = [];
  samples.set(name, list);
  return async () => {
    const start = performance.now();
    await fn();
    list.push(performance.now() - start);
  };
}

const discord = await startEmulator({ interactionAckTimeout: false });
const guild = discord.createGuild({ name: 'Bench' });
const general = guild.createChannel({ name: 'general' });
const users = Array.from({ length: 50 }, (_, i) => discord.createUser({ username: `user${i}` }));
for (const user of users) guild.addMember(user);
const alice = users[0]!;
const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
];
const client = new Client({ intents, ...discord.clientOptions() });
client.on('messageCreate', (message) => {
  if (message.content === '!ping') void message.channel.send('pong');
});
client.on('interactionCreate', (interaction) => {
  if (interaction.isChatInputCommand()) void interaction.reply('pong');
});
const ready = once(client, 'clientReady');
await client.login(discord.token);
await ready;
await client.application!.commands.create({ name: 'ping', description: 'Pong' });

// The peer: a bare ws server and a bare http server, the transport floor of one round trip.
const http = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{}'));
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const httpPort = (http.address() as AddressInfo).port;
const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
await once(wss, 'listening');
const socketPort = (wss.address() as AddressInfo).port;
const serverSide = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
const peer = new WebSocket(`ws://127.0.0.1:${socketPort}`);
await once(peer, 'open');
const toPeer = await serverSide;
let waiting: (() => void) | null = null;
peer.on('message', (data) => {
  const body = data.toString();
  const post = request(
    { host: '127.0.0.1', port: httpPort, method: 'POST', path: '/', agent: undefined },
    (res) => {
      res.resume();
      res.on('end', () => {
        waiting?.();
      });
    },
  );
  post.end(body);
});
const floorRoundTrip = () =>
  new Promise<void>((resolve) => {
    waiting = resolve;
    toPeer.send(JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', d: { content: '!ping' } }));
  });

afterAll(async () => {
  const percentile = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const rows = [...samples].map(([name, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return `${name.padEnd(48)} n=${String(sorted.length).padStart(5)}  p50=${percentile(sorted, 50).toFixed(3)} ms  p99=${percentile(sorted, 99).toFixed(3)} ms`;
  });
  console.log(`\n${rows.join('\n')}`);
  await client.destroy();
  peer.terminate();
  wss.close();
  http.close();
  await discord.close();
});

describe('round trip: one user action and the bot answer', () => {
  bench(
    'emulator + discord.js: message → reply',
    timed('emulator message round trip', () => alice.send(general, '!ping').reply()),
    { iterations: 1000, time: 0, warmupIterations: 50 },
  );
  bench(
    'emulator + discord.js: slash → reply',
    timed('emulator interaction round trip', () => alice.slash(guild, 'ping').reply()),
    { iterations: 1000, time: 0, warmupIterations: 50 },
  );
  bench('peer: bare ws frame → http POST (floor)', timed('peer floor round trip', floorRoundTrip), {
    iterations: 1000,
    time: 0,
    warmupIterations: 50,
  });
});

describe('throughput: 50 users at once, 20 messages each (1,000 round trips)', () => {
  bench(
    'emulator + discord.js: 50 concurrent users',
    timed('emulator 1,000 messages from 50 users', () =>
      Promise.all(
        users.map(async (user) => {
          for (let i = 0; i < 20; i += 1) await user.send(general, '!ping').reply();
        }),
      ),
    ),
    { iterations: 5, time: 0, warmupIterations: 1 },
  );
});

describe('login → ready', () => {
  bench(
    'emulator + discord.js: new Client, login, clientReady, destroy',
    timed('login → ready', async () => {
      const fresh = new Client({ intents, ...discord.clientOptions() });
      const isReady = once(fresh, 'clientReady');
      await fresh.login(discord.token);
      await isReady;
      await fresh.destroy();
    }),
    { iterations: 20, time: 0, warmupIterations: 2 },
  );
});
