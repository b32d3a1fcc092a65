import type { REST } from '@discordjs/rest';
import * as ws from '@discordjs/ws';
import { type SessionInfo, WebSocketManager, WebSocketShard } from '@discordjs/ws';
import { describe, expect, it } from 'vitest';
import { type DispatchFrame, fastDispatchStrategy, installFastPath } from './gateway-fast-path.js';

/**
 * A shard whose own `onMessage` behaves like @discordjs/ws's: async, a few awaits, then the
 * dispatch through its events (here: into `seen`, marked as the library's path).
 */
function fakeShard(seen: string[]) {
  return {
    async onMessage(data: unknown, isBinary: boolean): Promise<void> {
      if (isBinary) {
        seen.push('binary');
        return;
      }
      const payload = JSON.parse(data as string) as { op: number; t: string | null };
      for (let i = 0; i < 5; i++) await null;
      seen.push(`library ${payload.op === 0 ? payload.t : `op ${payload.op}`}`);
    },
  };
}

function sessionStore(sequence: number) {
  const sessions = new Map<number, SessionInfo>([
    [0, { sessionId: 's', resumeURL: 'ws://x', sequence, shardId: 0, shardCount: 1 }],
  ]);
  return {
    sessions,
    options: {
      retrieveSessionInfo: (id: number) => sessions.get(id) ?? null,
      updateSessionInfo: (id: number, info: SessionInfo | null) => {
        if (info) sessions.set(id, info);
      },
    },
  };
}

const frame = (t: string, s: number) => JSON.stringify({ op: 0, t, s, d: { id: String(s) } });
const settle = async () => {
  for (let i = 0; i < 20; i++) await null;
};

describe("the supervisor's dispatch fast path", () => {
  it('hands a dispatch over synchronously and moves the session to its sequence number', async () => {
    const seen: string[] = [];
    const shard = fakeShard(seen);
    const store = sessionStore(4);
    const frames: DispatchFrame[] = [];
    installFastPath(store, shard, 0, (shardId, dispatch) => {
      seen.push(`fast ${shardId} ${dispatch.t} ${dispatch.s}`);
      frames.push(dispatch);
    });
    void shard.onMessage(frame('MESSAGE_CREATE', 5), false);
    // No await in between: the dispatch is already with the supervisor.
    expect(seen).toEqual(['fast 0 MESSAGE_CREATE 5']);
    // As its envelope and the frame's own text, which the relay passes on as it is: not parsed.
    expect(frames).toEqual([{ t: 'MESSAGE_CREATE', s: 5, text: frame('MESSAGE_CREATE', 5) }]);
    expect(store.sessions.get(0)?.sequence).toBe(5);
    // An older sequence number (a replay) does not move it back.
    void shard.onMessage(frame('MESSAGE_CREATE', 3), false);
    expect(store.sessions.get(0)?.sequence).toBe(5);
  });

  it('parses a frame whole when its envelope does not come first, and hands it over with its payload', () => {
    const frames: DispatchFrame[] = [];
    const store = sessionStore(0);
    const shard = fakeShard([]);
    installFastPath(store, shard, 0, (_shardId, dispatch) => void frames.push(dispatch));
    const payload = { d: { id: '9' }, op: 0, s: 8, t: 'MESSAGE_CREATE' };
    void shard.onMessage(JSON.stringify(payload), false);
    expect(frames).toEqual([{ t: 'MESSAGE_CREATE', s: 8, text: JSON.stringify(payload), payload }]);
    expect(store.sessions.get(0)?.sequence).toBe(8);
  });

  it('leaves other frames to the library, and holds dispatches behind a READY or RESUMED in order', async () => {
    const seen: string[] = [];
    const shard = fakeShard(seen);
    installFastPath(sessionStore(0), shard, 0, (_shardId, dispatch) =>
      seen.push(`fast ${dispatch.t}`),
    );
    // One socket read: READY, then guilds; HELLO and a binary frame on the library's path.
    void shard.onMessage(JSON.stringify({ op: 10, d: { heartbeat_interval: 1 } }), false);
    void shard.onMessage(frame('READY', 1), false);
    void shard.onMessage(frame('GUILD_CREATE', 2), false);
    void shard.onMessage(frame('RESUMED', 3), false);
    void shard.onMessage(frame('GUILD_CREATE', 4), false);
    await settle();
    void shard.onMessage(new ArrayBuffer(1), true);
    void shard.onMessage(frame('TYPING_START', 5), false);
    await settle();
    expect(seen).toEqual([
      'library op 10',
      'library READY',
      'fast GUILD_CREATE',
      'library RESUMED',
      'fast GUILD_CREATE',
      'binary',
      'fast TYPING_START',
    ]);
  });

  it('fits the installed @discordjs/ws: shards have the onMessage it replaces, the strategy a shard map', async () => {
    expect(typeof Reflect.get(WebSocketShard.prototype, 'onMessage')).toBe('function');
    const gateway = {
      url: 'ws://127.0.0.1:1',
      shards: 1,
      session_start_limit: { total: 1, remaining: 1, reset_after: 0, max_concurrency: 1 },
    };
    const rest = { get: async () => gateway } as Pick<REST, 'get'> as REST;
    const manager = new WebSocketManager({
      token: 't',
      intents: 0,
      rest,
      shardIds: [0],
      shardCount: 1,
    });
    const seen: number[] = [];
    const strategy = fastDispatchStrategy(ws, (shardId) => seen.push(shardId))(manager);
    await strategy.spawn([0]);
    const shard = (Reflect.get(strategy, 'shards') as Map<number, object>).get(0);
    expect(shard).toBeInstanceOf(WebSocketShard);
    await Reflect.apply(Reflect.get(shard as object, 'onMessage'), shard, [
      frame('TYPING_START', 1),
      false,
    ]);
    expect(seen).toEqual([0]);
  });
});
