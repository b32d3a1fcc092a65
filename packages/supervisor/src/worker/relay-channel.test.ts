import { MessageChannel } from 'node:worker_threads';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type BatchMessage, type DispatchMessage, PROTOCOL_VERSION } from '../protocol.js';
import { sharedNow, summarizeLag } from '../relay-lag.js';
import { createSlots, readAcknowledged } from '../shared-slots.js';
import { RelayChannel } from './relay-channel.js';

const ports: MessageChannel[] = [];
afterEach(() => {
  for (const { port1, port2 } of ports.splice(0)) {
    port1.close();
    port2.close();
  }
});

function dispatch(seq: number): DispatchMessage {
  return {
    v: PROTOCOL_VERSION,
    t: 'dispatch',
    shardId: 0,
    seq,
    data: { op: 0, s: seq, t: 'TYPING_START', d: {} } as unknown as GatewayDispatchPayload,
  };
}

/** Events `from`..`to` as one batch message. */
function batch(from: number, to: number): BatchMessage {
  const messages = [];
  for (let seq = from; seq <= to; seq++) messages.push(dispatch(seq));
  return { v: PROTOCOL_VERSION, t: 'batch', messages };
}

/** A worker's channel on one end of a port pair; `supervisor` is the other end. */
function channelPair() {
  const pair = new MessageChannel();
  ports.push(pair);
  const slots = createSlots();
  const channel = new RelayChannel(pair.port1, slots, {
    v: PROTOCOL_VERSION,
    entry: 'file:///entry.mjs',
    workerId: 1,
    intents: 0,
  });
  return { channel, slots, supervisor: pair.port2 };
}

describe("the worker's relay channel", () => {
  it('hands a backlog over in order, in slices, letting timers and I/O run between them', async () => {
    const { channel, slots, supervisor } = channelPair();
    const handled: number[] = [];
    let handledWhenTimerRan: number | undefined;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        channel.acknowledge(message.seq);
        handled.push(message.seq);
        // Set while the first event is handled, the rest of the backlog already delivered: the
        // port hands all 300 over at once, so without slices this timer would wait for them all.
        if (message.seq === 1) {
          setTimeout(() => {
            handledWhenTimerRan = handled.length;
          }, 0);
        }
        // Each event costs the bot a millisecond: the whole backlog, 300 ms.
        const until = performance.now() + 1;
        while (performance.now() < until) {}
        if (handled.length === 300) done();
      },
      onShardEvent() {},
    });
    for (let seq = 1; seq <= 300; seq++) supervisor.postMessage(dispatch(seq));
    await all;
    expect(handled).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(handledWhenTimerRan).toBeGreaterThan(0);
    expect(handledWhenTimerRan).toBeLessThan(300);
    expect(readAcknowledged(slots)).toBe(300);
  });

  it('drains a backlog of cheap events several per loop turn, not one per turn', async () => {
    const { channel, supervisor } = channelPair();
    let handled = 0;
    let turns = 0;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        channel.acknowledge(message.seq);
        if (++handled === 1) {
          // Counts the event loop's turns from the first event until the backlog is drained.
          const count = () => {
            turns++;
            if (handled < 300) setImmediate(count);
          };
          setImmediate(count);
          // The first event uses up its slice (a GC pause, a slow handler): a backlog forms.
          const until = performance.now() + 10;
          while (performance.now() < until) {}
        }
        if (handled === 300) done();
      },
      onShardEvent() {},
    });
    for (let seq = 1; seq <= 300; seq++) supervisor.postMessage(dispatch(seq));
    await all;
    // One event per turn (the first version of the slices) took about 300 turns: a backlog
    // drained no faster than the loop turned, slower than events arrive once turns are busy.
    expect(turns).toBeLessThan(150);
  });

  it("runs an event's microtasks before the next event is handed over and acknowledged", async () => {
    const { channel, slots, supervisor } = channelPair();
    const acknowledgedWhenStarted: number[] = [];
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        channel.acknowledge(message.seq);
        // A command starts a few awaits after its event (a spin there must not have
        // acknowledged the events behind it, which the next worker replays).
        void (async () => {
          await null;
          await null;
          await null;
          acknowledgedWhenStarted.push(readAcknowledged(slots));
          if (message.seq === 100) done();
        })();
      },
      onShardEvent() {},
    });
    for (let seq = 1; seq <= 100; seq++) supervisor.postMessage(dispatch(seq));
    await all;
    expect(acknowledgedWhenStarted).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('handles a shutdown after the events posted before it', async () => {
    const { channel, supervisor } = channelPair();
    const seen: string[] = [];
    channel.attach({
      onDispatch: (message) => void seen.push(`dispatch ${message.seq}`),
      onShardEvent() {},
    });
    const stopped = new Promise<void>((resolve) => {
      channel.onShutdown((reason) => {
        seen.push(`shutdown ${reason}`);
        resolve();
      });
    });
    for (let seq = 1; seq <= 3; seq++) supervisor.postMessage(dispatch(seq));
    supervisor.postMessage({ v: PROTOCOL_VERSION, t: 'shutdown', reason: 'restart' });
    await stopped;
    expect(seen).toEqual(['dispatch 1', 'dispatch 2', 'dispatch 3', 'shutdown restart']);
  });

  it('hands a batch over like the same events posted one by one: in order, each its own turn of microtasks, in slices', async () => {
    const { channel, slots, supervisor } = channelPair();
    const acknowledgedWhenStarted: number[] = [];
    let handledWhenTimerRan: number | undefined;
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        channel.acknowledge(message.seq);
        if (message.seq === 1) {
          setTimeout(() => {
            handledWhenTimerRan = acknowledgedWhenStarted.length;
          }, 0);
        }
        // 0.2 ms per event: 300 of them cannot fit in one 2 ms slice.
        const until = performance.now() + 0.2;
        while (performance.now() < until) {}
        void (async () => {
          await null;
          await null;
          await null;
          acknowledgedWhenStarted.push(readAcknowledged(slots));
          if (message.seq === 300) done();
        })();
      },
      onShardEvent() {},
    });
    // Three batches, as the supervisor posts the events of three gateway reads.
    supervisor.postMessage(batch(1, 100));
    supervisor.postMessage(batch(101, 200));
    supervisor.postMessage(batch(201, 300));
    await all;
    // Handed over in order, each one's awaits run before the next was acknowledged.
    expect(acknowledgedWhenStarted).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // A timer set by the first event ran before the last: the batches were sliced.
    expect(handledWhenTimerRan).toBeGreaterThan(0);
    expect(handledWhenTimerRan).toBeLessThan(300);
  });

  it('hands a frame over as the dispatch its text holds, in stream order; a frame that is not a dispatch is reported and acknowledged', async () => {
    const { channel, slots, supervisor } = channelPair();
    const received: DispatchMessage[] = [];
    const logs: unknown[] = [];
    supervisor.on('message', (m) => logs.push(m));
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        channel.acknowledge(message.seq);
        received.push(message);
        if (message.seq === 4) done();
      },
      onShardEvent() {},
    });
    const frame = (seq: number, text: string) =>
      ({ v: PROTOCOL_VERSION, t: 'frame', shardId: 1, seq, text }) as const;
    const data = { t: 'MESSAGE_CREATE', s: 41, op: 0, d: { id: '9', content: '!ping ünï 🎉' } };
    supervisor.postMessage({
      v: PROTOCOL_VERSION,
      t: 'batch',
      messages: [dispatch(1), frame(2, JSON.stringify(data)), frame(3, '{"op":0,"t":')],
    });
    supervisor.postMessage(frame(4, JSON.stringify({ ...data, s: 42 })));
    await all;
    expect(received.map((m) => m.seq)).toEqual([1, 2, 4]);
    expect(received[1]).toEqual({ v: PROTOCOL_VERSION, t: 'dispatch', shardId: 1, seq: 2, data });
    // The broken frame counts as handed over: a worker after this one does not get it again.
    expect(readAcknowledged(slots)).toBe(4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(logs).toEqual([
      expect.objectContaining({
        t: 'log',
        level: 'error',
        data: { code: 'ZRX_SUPERVISOR_PROTOCOL_INVALID', seq: 3 },
      }),
    ]);
  });

  it("counts the relay's lag of each live event from its `at` (none for the snapshot's)", async () => {
    const { channel, supervisor } = channelPair();
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolve) => {
      done = resolve;
    });
    channel.attach({
      onDispatch(message) {
        if (message.seq === 3) done();
      },
      onShardEvent() {},
    });
    expect(channel.takeLag()).toBeNull();
    const now = sharedNow();
    const text = JSON.stringify({ op: 0, t: 'TYPING_START', s: 2, d: {} });
    supervisor.postMessage({
      v: PROTOCOL_VERSION,
      t: 'batch',
      messages: [
        { ...dispatch(0), seq: 0 },
        { ...dispatch(1), at: now - 40 },
        { v: PROTOCOL_VERSION, t: 'frame', shardId: 0, seq: 2, text, at: now - 40 },
        { ...dispatch(3), at: now },
      ],
    });
    await all;
    const counts = channel.takeLag();
    // Two were sent 40 ms (and a little more) before they arrived and were handed over, one a
    // few microseconds; each is counted at both stages, the handoff no earlier than the arrival.
    for (const stage of ['arrival', 'handoff'] as const) {
      const summary = summarizeLag(counts?.[stage] ?? []);
      expect(summary.count).toBe(3);
      expect(summary.p50Ms).toBeGreaterThanOrEqual(38);
      expect(summary.p90Ms).toBeLessThan(1_000);
    }
    const arrival = summarizeLag(counts?.arrival ?? []);
    const handoff = summarizeLag(counts?.handoff ?? []);
    expect(handoff.maxMs).toBeGreaterThanOrEqual(arrival.maxMs);
    expect(channel.takeLag()).toBeNull();
  });

  it("keeps the relay's lag since the worker started, whatever the heartbeats took", async () => {
    const { channel, supervisor } = channelPair();
    let seen = 0;
    let wake: () => void = () => undefined;
    channel.attach({
      onDispatch() {
        seen++;
        wake();
      },
      onShardEvent() {},
    });
    const handed = (n: number) =>
      new Promise<void>((resolve) => {
        wake = () => seen >= n && resolve();
        wake();
      });
    const total = (stage: 'arrival' | 'handoff') =>
      channel.lagHistogram(stage).counts.reduce((sum, n) => sum + n, 0);
    expect([total('arrival'), total('handoff')]).toEqual([0, 0]);
    supervisor.postMessage({ ...dispatch(1), at: sharedNow() - 40 });
    await handed(1);
    // Counted before a heartbeat took anything, and still after it did.
    expect([total('arrival'), total('handoff')]).toEqual([1, 1]);
    expect(summarizeLag(channel.takeLag()?.arrival ?? []).count).toBe(1);
    supervisor.postMessage({ ...dispatch(2), at: sharedNow() });
    await handed(2);
    const arrival = channel.lagHistogram('arrival');
    expect(arrival.counts).toHaveLength(arrival.boundsMs.length + 1);
    expect(summarizeLag(arrival.counts)).toMatchObject({ count: 2 });
    expect(summarizeLag(arrival.counts).maxMs).toBeGreaterThanOrEqual(38);
    expect(total('handoff')).toBe(2);
    // Reading it takes nothing from the next heartbeat.
    expect(summarizeLag(channel.takeLag()?.handoff ?? []).count).toBe(1);
  });

  it('handles a shutdown after the events of a batch posted before it', async () => {
    const { channel, supervisor } = channelPair();
    const seen: string[] = [];
    channel.attach({
      onDispatch: (message) => void seen.push(`dispatch ${message.seq}`),
      onShardEvent() {},
    });
    const stopped = new Promise<void>((resolve) => {
      channel.onShutdown((reason) => {
        seen.push(`shutdown ${reason}`);
        resolve();
      });
    });
    supervisor.postMessage(batch(1, 3));
    supervisor.postMessage({ v: PROTOCOL_VERSION, t: 'shutdown', reason: 'restart' });
    await stopped;
    expect(seen).toEqual(['dispatch 1', 'dispatch 2', 'dispatch 3', 'shutdown restart']);
  });
});
