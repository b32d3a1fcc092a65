import { once } from 'node:events';
import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { type Emulator, startEmulator } from '../src/index.js';

let discord: Emulator | undefined;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await discord?.close();
  discord = undefined;
});

interface Frame {
  op: number;
  t: string | null;
  s: number | null;
  d: Record<string, unknown> | null;
}

/** A raw gateway client: what discord.js does, without discord.js, to check the protocol itself. */
async function connect(emulator: Emulator) {
  const socket = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
  sockets.push(socket);
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: RawData, isBinary: boolean) => {
    const text = isBinary ? inflateSync(data as Buffer).toString() : data.toString();
    frames.push(JSON.parse(text) as Frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (predicate: (frame: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  await once(socket, 'open');
  return { socket, frames, next, send: (payload: object) => socket.send(JSON.stringify(payload)) };
}

const identify = (token: string, extra: object = {}) => ({
  op: 2,
  d: { token, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' }, ...extra },
});

describe('gateway protocol', () => {
  it('says HELLO, ACKs heartbeats, and answers IDENTIFY with READY then GUILD_CREATE', async () => {
    discord = await startEmulator({ heartbeatInterval: 5000 });
    const guild = discord.createGuild({ name: 'Raw' });
    const client = await connect(discord);
    expect((await client.next((f) => f.op === 10)).d).toEqual({ heartbeat_interval: 5000 });
    client.send({ op: 1, d: null });
    await client.next((f) => f.op === 11);
    client.send(identify(discord.token));
    const ready = await client.next((f) => f.t === 'READY');
    expect(ready.s).toBe(1);
    expect(ready.d).toMatchObject({
      guilds: [{ id: guild.id, unavailable: true }],
      application: { id: discord.applicationId },
    });
    const created = await client.next((f) => f.t === 'GUILD_CREATE');
    expect(created.s).toBe(2);
    expect(created.d).toMatchObject({
      id: guild.id,
      roles: expect.arrayContaining([expect.objectContaining({ id: guild.id, name: '@everyone' })]),
    });
  });

  it('sends zlib-compressed binary frames after IDENTIFY with compress: true', async () => {
    discord = await startEmulator();
    const client = await connect(discord);
    let binary = false;
    client.socket.on('message', (_data: RawData, isBinary: boolean) => {
      binary ||= isBinary;
    });
    client.send(identify(discord.token, { compress: true }));
    await client.next((f) => f.t === 'READY');
    expect(binary).toBe(true);
  });

  it('closes with 4004 on a wrong token and 4001 on an unknown opcode', async () => {
    discord = await startEmulator();
    const bad = await connect(discord);
    bad.send(identify('wrong'));
    expect((await once(bad.socket, 'close'))[0]).toBe(4004);
    const odd = await connect(discord);
    odd.send({ op: 42, d: null });
    expect((await once(odd.socket, 'close'))[0]).toBe(4001);
  });

  it('answers RESUME of an unknown session with INVALID_SESSION (d: false)', async () => {
    discord = await startEmulator();
    const client = await connect(discord);
    client.send({ op: 6, d: { token: discord.token, session_id: 'nope', seq: 3 } });
    expect((await client.next((f) => f.op === 9)).d).toBe(false);
  });

  it('replays what fits resume.backlog and refuses a RESUME that fell out of it', async () => {
    discord = await startEmulator({ resume: { backlog: 3 } });
    const guild = discord.createGuild({ name: 'Buffer' });
    const first = await connect(discord);
    first.send(identify(discord.token));
    const ready = await first.next((f) => f.t === 'READY');
    const seen = (await first.next((f) => f.t === 'GUILD_CREATE')).s;
    discord.gateway.dropConnections();
    for (let n = 0; n < 3; n += 1) guild.createChannel({ name: `missed-${n}` });
    const resume = (seq: number | null) => ({
      op: 6,
      d: { token: discord!.token, session_id: ready.d?.session_id, seq },
    });
    // Missed three dispatches, the buffer keeps exactly three: all replayed in order, then RESUMED.
    const again = await connect(discord);
    again.send(resume(seen));
    const resumed = await again.next((f) => f.t === 'RESUMED');
    const replayed = again.frames.filter((f) => f.t === 'CHANNEL_CREATE').map((f) => f.s);
    expect(replayed).toEqual([seen! + 1, seen! + 2, seen! + 3]);
    discord.gateway.dropConnections();
    for (let n = 0; n < 4; n += 1) guild.createChannel({ name: `lost-${n}` });
    // Missed four dispatches after RESUMED; three are kept: the session cannot be resumed.
    const late = await connect(discord);
    late.send(resume(resumed.s));
    expect((await late.next((f) => f.op === 9)).d).toBe(false);
    expect(late.frames.some((f) => f.t === 'RESUMED')).toBe(false);
  });

  it('refuses a RESUME after resume.windowMs without a socket', async () => {
    discord = await startEmulator({ resume: { windowMs: 50 } });
    const first = await connect(discord);
    first.send(identify(discord.token));
    const ready = await first.next((f) => f.t === 'READY');
    discord.gateway.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const late = await connect(discord);
    late.send({
      op: 6,
      d: { token: discord.token, session_id: ready.d?.session_id, seq: ready.s },
    });
    expect((await late.next((f) => f.op === 9)).d).toBe(false);
  });

  it('counts IDENTIFY frames, accepted or refused, and not RESUMEs', async () => {
    discord = await startEmulator();
    expect(discord.gateway.identifyCount).toBe(0);
    const bad = await connect(discord);
    bad.send(identify('wrong'));
    await once(bad.socket, 'close');
    expect(discord.gateway.identifyCount).toBe(1);
    const first = await connect(discord);
    first.send(identify(discord.token));
    const ready = await first.next((f) => f.t === 'READY');
    expect(discord.gateway.identifyCount).toBe(2);
    discord.gateway.dropConnections();
    const again = await connect(discord);
    again.send({
      op: 6,
      d: { token: discord.token, session_id: ready.d?.session_id, seq: ready.s },
    });
    await again.next((f) => f.t === 'RESUMED');
    expect(discord.gateway.identifyCount).toBe(2);
  });

  it('delivers a burst of dispatches (written together) as separate frames in order', async () => {
    discord = await startEmulator();
    const guild = discord.createGuild({ name: 'Burst' });
    const channel = guild.createChannel({ name: 'general' });
    const user = discord.createUser({ username: 'burst' });
    guild.addMember(user);
    const client = await connect(discord);
    client.send(identify(discord.token, { intents: 1 | 512 | 32768 }));
    await client.next((f) => f.t === 'GUILD_CREATE');
    // One synchronous burst: the gateway coalesces it into one TCP write per socket; each dispatch
    // still arrives as its own frame, in order, with consecutive sequences.
    for (let i = 0; i < 50; i += 1) user.send(channel, `m${i}`);
    await client.next((f) => f.t === 'MESSAGE_CREATE' && f.d?.content === 'm49');
    const created = client.frames.filter((f) => f.t === 'MESSAGE_CREATE');
    expect(created.map((f) => f.d?.content)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
    const seqs = created.map((f) => f.s ?? 0);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
  });

  it('runs a slash command without a channel in the first text channel, the guild command first', async () => {
    discord = await startEmulator();
    const guild = discord.createGuild({ name: 'Defaults' });
    guild.createChannel({ name: 'Lobby', type: 2 });
    const rules = guild.createChannel({ name: 'rules' });
    guild.createChannel({ name: 'general' });
    const user = discord.createUser({ username: 'runner' });
    guild.addMember(user);
    const client = await connect(discord);
    client.send(identify(discord.token, { intents: 1 }));
    await client.next((f) => f.t === 'GUILD_CREATE');
    const register = async (path: string) => {
      const response = await fetch(
        `${discord?.apiUrl}/v10/applications/${discord?.applicationId}${path}`,
        {
          method: 'POST',
          headers: { authorization: `Bot ${discord?.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'ping', description: 'Pong' }),
        },
      );
      return ((await response.json()) as { id: string }).id;
    };
    await register('/commands');
    const guildCommand = await register(`/guilds/${guild.id}/commands`);
    user.slash(guild, 'ping');
    const created = await client.next((f) => f.t === 'INTERACTION_CREATE');
    expect(created.d).toMatchObject({ channel_id: rules.id, data: { id: guildCommand } });
  });
});
