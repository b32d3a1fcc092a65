import { MessageChannel } from 'node:worker_threads';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type DispatchMessage, PROTOCOL_VERSION } from '../protocol.js';
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
});
