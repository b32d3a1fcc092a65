import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness | undefined;
afterEach(async () => {
  await teardown(harness);
  harness = undefined;
});

/**
 * Counts TCP connections the emulator's server accepts, through Node's `net.server.socket`
 * diagnostics channel (published once per server 'connection' event).
 */
function countConnections(port: number): { readonly count: number; stop(): void } {
  let count = 0;
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    if (socket.localPort === port) count += 1;
  };
  subscribe('net.server.socket', onSocket);
  return {
    get count() {
      return count;
    },
    stop: () => unsubscribe('net.server.socket', onSocket),
  };
}

describe('REST keep-alive', () => {
  it('serves sequential REST calls of a discord.js client on reused connections', async () => {
    harness = await setup();
    const { discord } = harness;
    const guild = discord.createGuild({ name: 'Keep-alive' });
    const general = guild.createChannel({ name: 'general' });
    const alice = discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    const client = await loginClient(harness);
    client.on('messageCreate', (message) => {
      if (message.content === '!ping') void message.channel.send('pong');
    });
    // Warm up: the client's first REST call opens its connection.
    await alice.send(general, '!ping').reply();
    discord.clearRequests();

    const connections = countConnections(discord.port);
    try {
      for (let i = 0; i < 20; i += 1) {
        expect((await alice.send(general, '!ping').reply()).content).toBe('pong');
      }
    } finally {
      connections.stop();
    }
    expect(discord.requests()).toHaveLength(20);
    // undici drops a connection the server's Keep-Alive hint says is about to expire, so a
    // short server keepAliveTimeout made this 20: one new TCP connection per request.
    expect(connections.count).toBeLessThanOrEqual(2);
  });
});
