import { describe, expect, it } from 'vitest';
import { SupervisorError } from './errors.js';
import { PROTOCOL_VERSION } from './protocol.js';
import {
  parseFrame,
  parseSupervisorMessage,
  parseWorkerInit,
  parseWorkerMessage,
  serializeError,
} from './protocol-parse.js';
import { LAG_BUCKETS, lagBucket } from './relay-lag.js';

const v = PROTOCOL_VERSION;
/** A heartbeat's lag counts: one event, arriving in 1 ms and handed over in 3. */
const at = (ms: number) =>
  Array.from({ length: LAG_BUCKETS }, (_, i) => (i === lagBucket(ms) ? 1 : 0));
const lag = { arrival: at(1), handoff: at(3) };
const session = {
  shardIds: [0],
  shardCount: 1,
  gatewayInfo: { url: 'ws://x', shards: 1, session_start_limit: {} },
};

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof SupervisorError ? error.code : 'not a SupervisorError';
  }
  return undefined;
}

describe('the relay protocol', () => {
  it('accepts every well-formed worker message, and they survive a JSON round trip', () => {
    const messages = [
      { v, t: 'loaded', loadMs: 12.5 },
      { v, t: 'connect', shardIds: [0, 1] },
      {
        v,
        t: 'send',
        shardId: 0,
        payload: { op: 3, d: { status: 'online', activities: [], since: null, afk: false } },
      },
      { v, t: 'ready', bootMs: 80 },
      { v, t: 'heartbeat', consumed: 42, heapUsed: 1e6, heapLimit: 1e9 },
      { v, t: 'heartbeat', consumed: 43, heapUsed: 1e6, heapLimit: 1e9, lag },
      { v, t: 'log', level: 'warn', msg: 'careful', data: { n: 1, nested: { ok: true } } },
      { v, t: 'failed', phase: 'start', error: { name: 'Error', message: 'no' } },
      { v, t: 'stopped' },
      { v, t: 'reconnect', shardId: 3 },
    ];
    for (const message of messages) {
      expect(parseWorkerMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
    }
  });

  it('accepts every well-formed supervisor message', () => {
    const dispatch = { op: 0, t: 'MESSAGE_CREATE', s: 7, d: { id: '1' } };
    const messages = [
      { v, t: 'dispatch', shardId: 0, seq: 3, data: dispatch },
      { v, t: 'frame', shardId: 0, seq: 3, text: JSON.stringify(dispatch) },
      { v, t: 'frame', shardId: 0, seq: 3, text: JSON.stringify(dispatch), at: 1.7e12 + 0.25 },
      { v, t: 'dispatch', shardId: 0, seq: 3, data: dispatch, at: 1.7e12 },
      { v, t: 'shard', shardId: 0, seq: 0, event: 'hello' },
      { v, t: 'shard', shardId: 0, seq: 4, event: 'ready', data: { session_id: 's' } },
      { v, t: 'shard', shardId: 0, seq: 5, event: 'closed', code: 4000 },
      { v, t: 'shard', shardId: 0, seq: 6, event: 'heartbeat', latency: 20, heartbeatAt: 1 },
      { v, t: 'shard', shardId: 0, seq: 7, event: 'error', message: 'ECONNRESET' },
      { v, t: 'start', reason: 'initial', session },
      { v, t: 'shutdown', reason: 'signal' },
      {
        v,
        t: 'batch',
        messages: [
          { v, t: 'dispatch', shardId: 0, seq: 8, data: dispatch },
          { v, t: 'frame', shardId: 0, seq: 9, text: JSON.stringify(dispatch) },
          { v, t: 'shard', shardId: 0, seq: 10, event: 'resumed' },
        ],
      },
    ];
    for (const message of messages) {
      expect(parseSupervisorMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
    }
  });

  it('refuses another protocol version with ZRX_SUPERVISOR_PROTOCOL_VERSION', () => {
    expect(codeOf(() => parseWorkerMessage({ v: v - 1, t: 'stopped' }))).toBe(
      'ZRX_SUPERVISOR_PROTOCOL_VERSION',
    );
    expect(codeOf(() => parseSupervisorMessage({ t: 'shutdown', reason: 'x' }))).toBe(
      'ZRX_SUPERVISOR_PROTOCOL_VERSION',
    );
  });

  it('refuses malformed messages with ZRX_SUPERVISOR_PROTOCOL_INVALID', () => {
    const invalid = [
      null,
      'ready',
      { v, t: 'nope' },
      { v, t: 'connect', shardIds: ['0'] },
      { v, t: 'send', shardId: 0, payload: { d: {} } },
      { v, t: 'log', level: 'fatal', msg: 'x' },
      { v, t: 'failed', phase: 'later', error: { name: 'E', message: 'm' } },
      { v, t: 'heartbeat', consumed: 'a', heapUsed: 1, heapLimit: 1 },
      // Lag counts: one per bucket, whole and not negative.
      { v, t: 'heartbeat', consumed: 1, heapUsed: 1, heapLimit: 1, lag: at(1) },
      { v, t: 'heartbeat', consumed: 1, heapUsed: 1, heapLimit: 1, lag: { ...lag, arrival: [1] } },
      {
        ...{ v, t: 'heartbeat', consumed: 1, heapUsed: 1, heapLimit: 1 },
        lag: { ...lag, handoff: lag.handoff.map(() => -1) },
      },
      {
        ...{ v, t: 'heartbeat', consumed: 1, heapUsed: 1, heapLimit: 1 },
        lag: { arrival: lag.arrival.map(() => 0.5), handoff: lag.handoff },
      },
      { v, t: 'reconnect', shardId: '0' },
      { v, t: 'reconnect' },
    ];
    for (const message of invalid) {
      expect(codeOf(() => parseWorkerMessage(message))).toBe('ZRX_SUPERVISOR_PROTOCOL_INVALID');
    }
    const invalidDown = [
      { v, t: 'dispatch', shardId: 0, seq: 1, data: { op: 1, t: 'X' } },
      { v, t: 'dispatch', shardId: 0, seq: 1.5, data: { op: 0, t: 'X' } },
      { v, t: 'frame', shardId: 0, seq: 1, text: { op: 0 } },
      { v, t: 'frame', shardId: '0', seq: 1, text: '{}' },
      { v, t: 'frame', shardId: 0, seq: 1, text: '{}', at: '2026-12-06' },
      { v, t: 'dispatch', shardId: 0, seq: 1, data: { op: 0, t: 'X' }, at: Number.NaN },
      { v, t: 'shard', shardId: 0, seq: 1, event: 'ready' },
      { v, t: 'shard', shardId: 0, seq: 1, event: 'closed' },
      { v, t: 'shard', shardId: 0, seq: 1, event: 'invented' },
      // A batch holds stream messages only, at least one, each well-formed.
      { v, t: 'batch', messages: [] },
      { v, t: 'batch' },
      { v, t: 'batch', messages: [{ v, t: 'shutdown', reason: 'x' }] },
      { v, t: 'batch', messages: [{ v, t: 'batch', messages: [] }] },
      { v, t: 'batch', messages: [{ v, t: 'dispatch', shardId: 0, seq: 1, data: { op: 1 } }] },
    ];
    for (const message of invalidDown) {
      expect(codeOf(() => parseSupervisorMessage(message))).toBe('ZRX_SUPERVISOR_PROTOCOL_INVALID');
    }
  });

  it("parses a frame's text into the dispatch it stands for, and refuses what is not one", () => {
    const dispatch = { op: 0, t: 'MESSAGE_CREATE', s: 7, d: { id: '1', content: 'é 🎉' } };
    const frame = { v, t: 'frame', shardId: 2, seq: 11, text: JSON.stringify(dispatch) } as const;
    expect(parseFrame(frame)).toEqual({ v, t: 'dispatch', shardId: 2, seq: 11, data: dispatch });
    // The supervisor's receipt time goes with it (the worker counts the relay's lag from it).
    expect(parseFrame({ ...frame, at: 5 })).toEqual({
      v,
      t: 'dispatch',
      shardId: 2,
      seq: 11,
      data: dispatch,
      at: 5,
    });
    for (const text of ['{"op":0', '{"op":1,"t":"X","d":null}', '{"op":0,"d":{}}', '[0]', 'null']) {
      expect(codeOf(() => parseFrame({ ...frame, text }))).toBe('ZRX_SUPERVISOR_PROTOCOL_INVALID');
    }
  });

  it('checks the worker start data, and the session a start message carries', () => {
    const init = { v, entry: 'file:///bot.js', workerId: 1, intents: 1 };
    expect(parseWorkerInit(init)).toEqual(init);
    expect(codeOf(() => parseWorkerInit({ ...init, intents: '1' }))).toBe(
      'ZRX_SUPERVISOR_PROTOCOL_INVALID',
    );
    const start = { v, t: 'start', reason: 'initial' };
    expect(codeOf(() => parseSupervisorMessage(start))).toBe('ZRX_SUPERVISOR_PROTOCOL_INVALID');
    expect(
      codeOf(() => parseSupervisorMessage({ ...start, session: { ...session, shardIds: 0 } })),
    ).toBe('ZRX_SUPERVISOR_PROTOCOL_INVALID');
    expect(codeOf(() => parseWorkerInit({ ...init, v: 9 }))).toBe(
      'ZRX_SUPERVISOR_PROTOCOL_VERSION',
    );
  });

  it('reduces thrown values to data', () => {
    const error = Object.assign(new TypeError('bad'), { code: 'E_BAD' });
    expect(serializeError(error)).toMatchObject({
      name: 'TypeError',
      message: 'bad',
      code: 'E_BAD',
    });
    expect(serializeError('plain')).toEqual({ name: 'NonError', message: 'plain' });
  });
});
