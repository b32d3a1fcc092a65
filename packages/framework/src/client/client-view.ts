import type { EventEmitter } from 'node:events';
import { type ActivitySink, type OwnershipScope, runAsExtension } from '@zoryx/loader';
import { attachRuntime, runtimeOf } from './runtime.js';
import type { ZoryxClient } from './zoryx-client.js';

/** A listener as an extension passes it to `ctx.client.on(…)`. */
type RawListener = (...args: never[]) => unknown;
type EventName = string | symbol;

/** The registration methods whose listeners the view owns. */
const REGISTER = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'] as const;
type RegisterMethod = (typeof REGISTER)[number];
const REMOVE = ['off', 'removeListener'] as const;

/** One listener registered through a view. */
interface Registration {
  readonly wrapped: (...args: unknown[]) => unknown;
  /** Removes it from the client and forgets it in the extension's scope. */
  readonly release: () => void;
}

/** What {@link createClientView} needs. */
export interface ClientViewOptions {
  /** The extension that owns the view. */
  readonly extension: string;
  /** Its ownership scope: every listener is released with it (unload, reload). */
  readonly scope: OwnershipScope;
  readonly activity?: ActivitySink | undefined;
  /** A listener threw or its promise rejected (already attributed: it runs as the extension). */
  readonly onError: (error: unknown, event: EventName) => void;
}

/**
 * `ctx.client`: the bot's client as one extension sees it. Listeners registered with `on`,
 * `once`, `addListener`, `prependListener` or `prependOnceListener` are the extension's: each
 * runs as the extension (attribution, activity), a throw or rejection is reported through
 * `onError` instead of crashing the process, and all are removed when the extension unloads or
 * reloads. `off`/`removeListener` take the function the extension registered. Everything else is
 * the client itself (reads, writes and methods pass through), so the view is a `ZoryxClient`.
 */
export function createClientView(client: ZoryxClient, options: ClientViewOptions): ZoryxClient {
  const { extension, scope, activity, onError } = options;
  // The client as a plain emitter: the view registers with any event name, as extensions may.
  const emitter: EventEmitter = client;
  const registered = new Map<EventName, Map<RawListener, Registration[]>>();

  const forget = (event: EventName, listener: RawListener, registration: Registration) => {
    const list = registered.get(event)?.get(listener);
    const at = list?.indexOf(registration) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list?.length === 0) registered.get(event)?.delete(listener);
  };

  const register = (method: RegisterMethod, event: EventName, listener: RawListener) => {
    if (typeof listener !== 'function') {
      // Let the emitter refuse it with its own error.
      emitter[method](event, listener);
      return view;
    }
    const once = method === 'once' || method === 'prependOnceListener';
    const registration: Registration = {
      wrapped(this: unknown, ...args: unknown[]) {
        if (once) {
          // Fired once: forget it now (the emitter already removed it), not at unload.
          forget(event, listener, registration);
          registration.release();
        }
        return runAsExtension(
          extension,
          () => {
            try {
              const result: unknown = (listener as (...a: unknown[]) => unknown).apply(this, args);
              if (isThenable(result)) result.then(undefined, (error) => onError(error, event));
              return result;
            } catch (error) {
              onError(error, event);
              return undefined;
            }
          },
          activity,
        );
      },
      // Registered with the scope first: after unload this throws ZRX_EXT_SCOPE_CLOSED and the
      // listener never reaches the client.
      release: scope.onDispose(() => {
        emitter.off(event, registration.wrapped);
      }),
    };
    const byListener = registered.get(event) ?? new Map<RawListener, Registration[]>();
    registered.set(event, byListener);
    byListener.set(listener, [...(byListener.get(listener) ?? []), registration]);
    emitter[method](event, registration.wrapped);
    return view;
  };

  const remove = (event: EventName, listener: RawListener) => {
    // Like EventEmitter: the most recent registration of that function goes.
    const registration = registered.get(event)?.get(listener)?.at(-1);
    if (registration) {
      forget(event, listener, registration);
      registration.release();
    } else {
      emitter.off(event, listener as (...args: unknown[]) => void);
    }
    return view;
  };

  const overrides = new Map<PropertyKey, unknown>([
    ...REGISTER.map(
      (method) =>
        [
          method,
          (event: EventName, listener: RawListener) => register(method, event, listener),
        ] as const,
    ),
    ...REMOVE.map((method) => [method, remove] as const),
  ]);

  const view: ZoryxClient = new Proxy(client, {
    get(target, property) {
      return overrides.has(property) ? overrides.get(property) : Reflect.get(target, property);
    },
  });
  // Framework lookups keyed by the client (permission tiers, owners…) answer for the view too.
  const runtime = runtimeOf(client);
  if (runtime) attachRuntime(view, runtime);
  return view;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
