import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from './protocol.js';
import { guildOf, payloadOf, RelayStream, type StreamItem } from './relay-stream.js';
import { StateCache } from './state/state-cache.js';

function item(
  seq: number,
  t = 'MESSAGE_CREATE',
  d: object = { id: String(seq), content: 'x' },
): StreamItem {
  const data = { op: 0, t, s: seq, d } as unknown as GatewayDispatchPayload;
  return {
    // As the fast path relays it: the text, parsed only when the cache applies it.
    message: { v: PROTOCOL_VERSION, t: 'frame', shardId: 0, seq, text: JSON.stringify(data) },
    event: t,
    applied: false,
    bytes: 0,
  };
}

function setup(maxEvents = 100, maxBytes = 1e9) {
  const cache = new StateCache();
  const consumed: number[] = [];
  const original = cache.consume.bind(cache);
  cache.consume = (shardId, seq, payload, applied) => {
    consumed.push(seq);
    original(shardId, seq, payload, applied);
  };
  const drops: number[] = [];
  const stream = new RelayStream({ maxEvents, maxBytes }, cache, (dropped, total) => {
    drops.push(dropped.message.seq);
    expect(total).toBe(drops.length);
  });
  const delivered: number[] = [];
  const deliver = (message: { seq: number }) => delivered.push(message.seq);
  return { stream, consumed, drops, delivered, deliver };
}

describe('the relay stream', () => {
  it('buffers while no worker serves and delivers the buffer first, in order', () => {
    const { stream, delivered, deliver } = setup();
    stream.push(item(1));
    stream.push(item(2));
    expect(stream.stats()).toMatchObject({ buffered: 2, inFlight: 0 });
    expect(stream.stats().bufferedBytes).toBeGreaterThan(0);
    stream.attach(deliver);
    stream.push(item(3));
    expect(delivered).toEqual([1, 2, 3]);
    expect(stream.stats()).toMatchObject({
      buffered: 0,
      bufferedBytes: 0,
      inFlight: 3,
      delivered: 3,
    });
  });

  it('applies events once acknowledged, and replays the unacknowledged ones to the next worker', () => {
    const { stream, consumed, delivered, deliver } = setup();
    stream.attach(deliver);
    for (const seq of [1, 2, 3, 4]) stream.push(item(seq));
    stream.acknowledge(2);
    expect(consumed).toEqual([1, 2]);
    expect(stream.detach(3)).toBe(1);
    expect(consumed).toEqual([1, 2, 3]);
    stream.push(item(5));
    expect(stream.stats()).toMatchObject({ buffered: 2, replayed: 1 });
    delivered.length = 0;
    stream.attach(deliver);
    expect(delivered).toEqual([4, 5]);
  });

  it('drops the oldest buffered events past the count or byte limit, applying them to the cache', () => {
    const { stream, consumed, drops } = setup(3);
    for (const seq of [1, 2, 3, 4, 5]) stream.push(item(seq));
    expect(drops).toEqual([1, 2]);
    expect(consumed).toEqual([1, 2]);
    expect(stream.stats()).toMatchObject({ buffered: 3, dropped: 2 });
    const bytes = JSON.stringify(item(1).message).length;
    const small = setup(100, bytes * 2 + 1);
    for (const seq of [1, 2, 3]) small.stream.push(item(seq));
    expect(small.drops).toEqual([1]);
  });

  it("parses a frame's text only when the cache applies it (or a guild's events are superseded)", () => {
    const cache = new StateCache();
    const applied: unknown[] = [];
    cache.consume = (_shardId, _seq, payload) => void applied.push(payload);
    const stream = new RelayStream({ maxEvents: 100, maxBytes: 1e9 }, cache, () => undefined);
    stream.attach(() => undefined);
    const first = item(1, 'MESSAGE_CREATE', { id: '1', guild_id: 'g', content: 'ü 🎉' });
    const second = item(2, 'TYPING_START', { guild_id: 'h' });
    const broken = {
      ...item(3),
      message: { ...item(3).message, text: '{"op":0,"t":"X","s":3,"d":' },
    };
    for (const each of [first, second, broken]) stream.push(each);
    expect([first.payload, second.payload]).toEqual([undefined, undefined]);
    expect(guildOf(second)).toBe('h');
    expect(second.payload).toEqual(JSON.parse((second.message as { text: string }).text));
    expect(first.payload).toBeUndefined();
    stream.acknowledge(3);
    // The broken one (never from Discord: the worker reports it) has nothing to apply.
    expect(applied).toEqual([
      { op: 0, t: 'MESSAGE_CREATE', s: 1, d: { id: '1', guild_id: 'g', content: 'ü 🎉' } },
      { op: 0, t: 'TYPING_START', s: 2, d: { guild_id: 'h' } },
    ]);
    expect(payloadOf(broken)).toBeNull();
  });

  it('keeps posted events when paused, and buffers new ones', () => {
    const { stream, delivered, deliver } = setup();
    stream.attach(deliver);
    stream.push(item(1));
    stream.pause();
    stream.push(item(2));
    expect(delivered).toEqual([1]);
    expect(stream.stats()).toMatchObject({ inFlight: 1, buffered: 1 });
  });

  it('skips applying superseded events and discards buffered ones on request', () => {
    const { stream, consumed } = setup(1);
    stream.push(item(1, 'GUILD_MEMBER_ADD', { guild_id: 'g', user: { id: 'u' } }));
    stream.supersede(() => true);
    stream.push(item(2));
    expect(consumed).toEqual([1]);
    expect(stream.discard((i) => i.message.seq === 2)).toBe(1);
    expect(stream.stats().buffered).toBe(0);
  });
});
