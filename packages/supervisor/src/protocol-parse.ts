// Validation at the boundary of the relay protocol (protocol.ts): both ends check what they
// receive and get it typed, or a coded error (ZRX_SUPERVISOR_PROTOCOL_VERSION / _INVALID).
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { SupervisorError } from './errors.js';
import {
  type BatchMessage,
  type ConnectMessage,
  type DispatchMessage,
  type FailedMessage,
  type FrameMessage,
  type HeartbeatMessage,
  type LoadedMessage,
  type LogMessage,
  PROTOCOL_VERSION,
  type ReadyMessage,
  type ReconnectMessage,
  type SendMessage,
  type SerializedError,
  type ShardEventMessage,
  type ShutdownMessage,
  type StartMessage,
  type StoppedMessage,
  type SupervisorMessage,
  type WorkerInit,
  type WorkerMessage,
  type WorkerSession,
} from './protocol.js';
import { LAG_BUCKETS } from './relay-lag.js';

const LOG_LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const SHARD_EVENTS = new Set(['hello', 'ready', 'resumed', 'closed', 'heartbeat', 'error']);

function invalid(what: string, value: unknown): SupervisorError {
  let shown: string;
  try {
    shown = JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return new SupervisorError(
    'ZRX_SUPERVISOR_PROTOCOL_INVALID',
    `Invalid relay message (${what}): ${shown}`,
    'Both ends must run the same @zoryx/supervisor version; report it if they do.',
  );
}

/** @internal A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function header(value: unknown): Record<string, unknown> & { t: string } {
  if (!isRecord(value) || typeof value.t !== 'string') throw invalid('no type', value);
  if (value.v !== PROTOCOL_VERSION) {
    throw new SupervisorError(
      'ZRX_SUPERVISOR_PROTOCOL_VERSION',
      `Relay message of protocol version ${String(value.v)}; this end speaks ${PROTOCOL_VERSION}.`,
      'Run the supervisor and the worker from the same @zoryx/supervisor installation.',
    );
  }
  return value as Record<string, unknown> & { t: string };
}

/**
 * Checks a message received from a worker and returns it typed. Throws
 * `ZRX_SUPERVISOR_PROTOCOL_VERSION` for another version, `ZRX_SUPERVISOR_PROTOCOL_INVALID` for
 * anything malformed. Gateway payloads are checked for their envelope (`op`), not their `d`.
 */
export function parseWorkerMessage(value: unknown): WorkerMessage {
  const m = header(value);
  switch (m.t) {
    case 'loaded':
      if (isNumber(m.loadMs)) return m as unknown as LoadedMessage;
      break;
    case 'connect':
      if (Array.isArray(m.shardIds) && m.shardIds.every(isInt))
        return m as unknown as ConnectMessage;
      break;
    case 'send':
      if (isInt(m.shardId) && isRecord(m.payload) && isInt(m.payload.op)) {
        return m as unknown as SendMessage;
      }
      break;
    case 'ready':
      if (isNumber(m.bootMs)) return m as unknown as ReadyMessage;
      break;
    case 'heartbeat':
      if (
        isNumber(m.consumed) &&
        isNumber(m.heapUsed) &&
        isNumber(m.heapLimit) &&
        (m.lag === undefined ||
          (isRecord(m.lag) && isLagCounts(m.lag.arrival) && isLagCounts(m.lag.handoff)))
      ) {
        return m as unknown as HeartbeatMessage;
      }
      break;
    case 'log':
      if (
        typeof m.level === 'string' &&
        LOG_LEVELS.has(m.level) &&
        typeof m.msg === 'string' &&
        (m.data === undefined || isRecord(m.data))
      ) {
        return m as unknown as LogMessage;
      }
      break;
    case 'failed':
      if (
        (m.phase === 'load' || m.phase === 'start') &&
        isRecord(m.error) &&
        typeof m.error.message === 'string' &&
        typeof m.error.name === 'string'
      ) {
        return m as unknown as FailedMessage;
      }
      break;
    case 'stopped':
      return m as unknown as StoppedMessage;
    case 'reconnect':
      if (isInt(m.shardId)) return m as unknown as ReconnectMessage;
      break;
  }
  throw invalid(`worker message "${m.t}"`, value);
}

/**
 * Checks a message received from the supervisor and returns it typed (the worker's side of
 * {@link parseWorkerMessage}).
 */
export function parseSupervisorMessage(value: unknown): SupervisorMessage {
  const m = header(value);
  if (m.t === 'batch') {
    if (!Array.isArray(m.messages) || m.messages.length === 0) throw invalid('empty batch', value);
    for (const item of m.messages) {
      const t = parseOne(item).t;
      if (t !== 'dispatch' && t !== 'frame' && t !== 'shard')
        throw invalid(`"${t}" in a batch`, item);
    }
    return m as unknown as BatchMessage;
  }
  return parseOne(m);
}

/** One message that is not a batch (a batch's items are checked with this too). */
function parseOne(value: unknown): Exclude<SupervisorMessage, BatchMessage> {
  const m = header(value);
  switch (m.t) {
    case 'dispatch':
      if (
        isInt(m.shardId) &&
        isInt(m.seq) &&
        isRecord(m.data) &&
        m.data.op === 0 &&
        typeof m.data.t === 'string' &&
        isOptionalTime(m.at)
      ) {
        return m as unknown as DispatchMessage;
      }
      break;
    case 'frame':
      // The text is parsed (and its envelope checked) when it is handed over: parseFrame.
      if (isInt(m.shardId) && isInt(m.seq) && typeof m.text === 'string' && isOptionalTime(m.at)) {
        return m as unknown as FrameMessage;
      }
      break;
    case 'shard':
      if (
        isInt(m.shardId) &&
        isInt(m.seq) &&
        typeof m.event === 'string' &&
        SHARD_EVENTS.has(m.event)
      ) {
        if (m.event === 'ready' && !isRecord(m.data)) break;
        if (m.event === 'closed' && !isInt(m.code)) break;
        if (m.event === 'heartbeat' && !(isNumber(m.latency) && isNumber(m.heartbeatAt))) break;
        if (m.event === 'error' && typeof m.message !== 'string') break;
        return m as unknown as ShardEventMessage;
      }
      break;
    case 'start':
      if (typeof m.reason === 'string' && isSession(m.session)) {
        return m as unknown as StartMessage;
      }
      break;
    case 'shutdown':
      if (typeof m.reason === 'string') return m as unknown as ShutdownMessage;
      break;
  }
  throw invalid(`supervisor message "${m.t}"`, value);
}

/**
 * Parses a {@link FrameMessage}'s text into the {@link DispatchMessage} it stands for. Throws
 * `ZRX_SUPERVISOR_PROTOCOL_INVALID` when the text is not JSON or not a dispatch (`op` 0, string `t`).
 */
export function parseFrame(message: FrameMessage): DispatchMessage {
  let data: unknown;
  try {
    data = JSON.parse(message.text);
  } catch {
    data = undefined;
  }
  if (!isRecord(data) || data.op !== 0 || typeof data.t !== 'string') {
    throw invalid('frame text', message.text);
  }
  return {
    v: PROTOCOL_VERSION,
    t: 'dispatch',
    shardId: message.shardId,
    seq: message.seq,
    data: data as unknown as GatewayDispatchPayload,
    ...(message.at === undefined ? {} : { at: message.at }),
  };
}

/** Checks a worker's start data (its `workerData.init`). */
export function parseWorkerInit(value: unknown): WorkerInit {
  const m = isRecord(value) ? value : undefined;
  if (m?.v !== PROTOCOL_VERSION && m !== undefined) header({ ...m, t: 'init' });
  if (
    m &&
    typeof m.entry === 'string' &&
    isInt(m.workerId) &&
    isInt(m.intents) &&
    (m.apiBase === undefined || typeof m.apiBase === 'string')
  ) {
    return m as unknown as WorkerInit;
  }
  throw invalid('worker init', value);
}

function isOptionalTime(value: unknown): boolean {
  return value === undefined || isNumber(value);
}

function isLagCounts(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === LAG_BUCKETS &&
    value.every((n) => Number.isInteger(n) && (n as number) >= 0)
  );
}

function isSession(value: unknown): value is WorkerSession {
  return (
    isRecord(value) &&
    Array.isArray(value.shardIds) &&
    value.shardIds.every(isInt) &&
    isInt(value.shardCount) &&
    isRecord(value.gatewayInfo) &&
    typeof value.gatewayInfo.url === 'string'
  );
}

/** Reduces a thrown value to a {@link SerializedError}. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'NonError', message: typeof error === 'string' ? error : String(error) };
}
