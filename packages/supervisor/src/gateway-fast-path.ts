// The supervisor's shortcut for gateway dispatches. `@discordjs/ws` handles every frame in an
// async function: the JSON parse, then awaits on the session store (read, then write of the new
// sequence number) and three event emits (shard → strategy, which copies the payload to add the
// shard id → manager) before the supervisor sees the dispatch — a dozen promise hops per event,
// about a tenth of the supervisor thread's CPU at 1,000 commands/s (perf, 6 December). Here a
// shard's dispatch frames (all but READY and RESUMED) are handed over synchronously, as their
// envelope (read from the text's start, frame-envelope.ts) and text, with the session's sequence
// number moved as `@discordjs/ws` would; everything else (HELLO,
// heartbeats, READY, RESUMED, RECONNECT, INVALID_SESSION, compressed frames) takes the library's
// own path. Frames arriving while a READY or RESUMED is still on that path wait for it, so the
// supervisor sees them in the order Discord sent them.
//
// It replaces a private method of each shard (`onMessage`): should a future `@discordjs/ws`
// rename it, the shards simply keep the library's path (a test checks the installed version has
// it). One thing is lost: the library's debug line after a RESUME counts the replayed events it
// saw itself, so it reports 0.
import type {
  SessionInfo,
  WebSocketManager,
  WebSocketManagerOptions,
  WebSocketShard,
} from '@discordjs/ws';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { type FrameEnvelope, readEnvelope } from './frame-envelope.js';
import { DispatchEvents } from './gateway-constants.js';
import { isRecord } from './protocol-parse.js';

/**
 * A dispatch frame as the fast path hands it over: its envelope and its text, relayed as it is.
 * `payload` is there when the frame had to be parsed whole to read its envelope (see
 * frame-envelope.ts); otherwise whoever needs it parses `text`.
 */
export interface DispatchFrame {
  t: string;
  s: number;
  text: string;
  payload?: GatewayDispatchPayload;
}

/** Where dispatches go (the supervisor's router). */
export type DispatchHandler = (shardId: number, frame: DispatchFrame) => void;

type OnMessage = (data: unknown, isBinary: boolean) => Promise<void>;

/**
 * A `buildStrategy` for the supervisor's manager: `@discordjs/ws`'s own SimpleShardingStrategy
 * whose shards take the fast path (see the file comment). `ws` is the loaded `@discordjs/ws`.
 */
export function fastDispatchStrategy(
  ws: typeof import('@discordjs/ws'),
  onDispatch: DispatchHandler,
): (manager: WebSocketManager) => InstanceType<typeof ws.SimpleShardingStrategy> {
  class FastDispatchStrategy extends ws.SimpleShardingStrategy {
    readonly #manager: WebSocketManager;

    public constructor(manager: WebSocketManager) {
      super(manager);
      this.#manager = manager;
    }

    public override async spawn(shardIds: number[]): Promise<void> {
      await super.spawn(shardIds);
      const shards = Reflect.get(this, 'shards') as Map<number, WebSocketShard> | undefined;
      if (!(shards instanceof Map)) return;
      for (const [shardId, shard] of shards) {
        installFastPath(this.#manager, shard, shardId, onDispatch);
      }
    }
  }
  return (manager) => new FastDispatchStrategy(manager);
}

/** Replaces one shard's `onMessage` (see the file comment). Exported for tests. */
export function installFastPath(
  manager: { options: Pick<WebSocketManagerOptions, 'retrieveSessionInfo' | 'updateSessionInfo'> },
  shard: object,
  shardId: number,
  onDispatch: DispatchHandler,
): boolean {
  const original = Reflect.get(shard, 'onMessage') as OnMessage | undefined;
  if (typeof original !== 'function') return false;
  // Frames waiting for a READY or RESUMED on the library's path; null while none is.
  let held: string[] | null = null;

  const release = (): void => {
    const frames = held ?? [];
    held = null;
    for (let i = 0; i < frames.length; i++) {
      if (held !== null) {
        // Another READY / RESUMED among them: the rest wait for that one.
        (held as string[]).push(...frames.slice(i));
        return;
      }
      void onMessage(frames[i] as string, false);
    }
  };

  const onMessage: OnMessage = (data, isBinary) => {
    if (isBinary || typeof data !== 'string')
      return Reflect.apply(original, shard, [data, isBinary]);
    if (held !== null) {
      held.push(data);
      return Promise.resolve();
    }
    // The envelope from the text's start (no parse of `d`); else the whole frame, parsed.
    let envelope: FrameEnvelope | null = readEnvelope(data);
    let payload: GatewayDispatchPayload | undefined;
    if (envelope === null) {
      try {
        payload = JSON.parse(data) as GatewayDispatchPayload;
        envelope = isRecord(payload) ? { op: payload.op, t: payload.t, s: payload.s } : null;
      } catch {
        envelope = null;
      }
    }
    const { op, t, s } = envelope ?? { op: null, t: null, s: null };
    if (
      op !== 0 ||
      typeof t !== 'string' ||
      typeof s !== 'number' ||
      t === DispatchEvents.Ready ||
      t === DispatchEvents.Resumed
    ) {
      if (op === 0) held = [];
      const done = Reflect.apply(original, shard, [data, isBinary]) as Promise<void>;
      if (op === 0) return done.finally(release);
      return done;
    }
    try {
      // What @discordjs/ws does for every dispatch: the session (for a RESUME) moves to its seq.
      const store = manager.options;
      const move = (session: SessionInfo | null): void => {
        if (session && s > session.sequence) {
          void store.updateSessionInfo(shardId, { ...session, sequence: s });
        }
      };
      const session = store.retrieveSessionInfo(shardId);
      // The default store (the supervisor's) answers synchronously; a custom one may not.
      if (session !== null && 'then' in session) void Promise.resolve(session).then(move);
      else move(session);
      onDispatch(
        shardId,
        payload === undefined ? { t, s, text: data } : { t, s, text: data, payload },
      );
    } catch (error) {
      // As from the library's async path: a rejection, not a throw into the socket's callback.
      return Promise.reject(error);
    }
    return Promise.resolve();
  };
  Reflect.set(shard, 'onMessage', onMessage);
  return true;
}
