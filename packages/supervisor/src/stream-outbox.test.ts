import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  type BatchMessage,
  type DispatchMessage,
  PROTOCOL_VERSION,
  type StreamMessage,
} from './protocol.js';
import { parseSupervisorMessage } from './protocol-parse.js';
import { StreamOutbox } from './stream-outbox.js';

function dispatch(seq: number): DispatchMessage {
  return {
    v: PROTOCOL_VERSION,
    t: 'dispatch',
    shardId: 0,
    seq,
    data: { op: 0, s: seq, t: 'TYPING_START', d: {} } as unknown as GatewayDispatchPayload,
  };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("the supervisor's stream outbox", () => {
  it('sends the events of one loop turn as one batch, in order, after the turn', async () => {
    const sent: (StreamMessage | BatchMessage)[] = [];
    const outbox = new StreamOutbox((message) => sent.push(message));
    // As the gateway's frames of one socket read arrive: each through a few microtasks.
    for (let seq = 1; seq <= 10; seq++)
      void Promise.resolve().then(() => outbox.push(dispatch(seq)));
    await Promise.resolve();
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toHaveLength(1);
    const batch = parseSupervisorMessage(sent[0]);
    expect(batch.t).toBe('batch');
    expect((batch as BatchMessage).messages.map((m) => m.seq)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    // The next turn's events make the next message.
    outbox.push(dispatch(11));
    await turn();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(dispatch(11));
  });

  it('sends what is queued first when flushed for a control message, and nothing twice', async () => {
    const sent: (StreamMessage | BatchMessage)[] = [];
    const outbox = new StreamOutbox((message) => sent.push(message));
    outbox.push(dispatch(1));
    outbox.push(dispatch(2));
    outbox.flush();
    sent.push(dispatch(99));
    await turn();
    expect(sent.map((m) => (m.t === 'batch' ? m.messages.map((i) => i.seq) : m.seq))).toEqual([
      [1, 2],
      99,
    ]);
  });

  it('forgets what is queued when cleared (the worker is gone)', async () => {
    const sent: (StreamMessage | BatchMessage)[] = [];
    const outbox = new StreamOutbox((message) => sent.push(message));
    outbox.push(dispatch(1));
    outbox.clear();
    await turn();
    expect(sent).toEqual([]);
  });
});
