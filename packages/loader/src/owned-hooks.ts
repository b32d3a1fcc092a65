import type {
  DispatchResult,
  EmitReceipt,
  HookBus,
  HookEvents,
  HookHandler,
  HookOptions,
} from '@zoryx/hooks';
import { type ActivitySink, runAsExtension } from './attribution.js';
import { LoaderError } from './errors.js';
import type { OwnershipScope } from './ownership.js';

/** Options of `ctx.hooks.on`: those of `HookBus#on` except `owner`, which the loader sets. */
export type OwnedHookOptions = Omit<HookOptions, 'owner'>;

/**
 * `ctx.hooks`: the hook bus as one extension sees it. Every hook registered here is owned by the
 * extension (removed by `releaseOwner` on unload) and gets a stable id `<extension>:<id>`, where
 * `<id>` is `options.id` or `<event>:<handler name>` (with `#2`, `#3`… for repeats), so the
 * same registration keeps the same id, and its breaker state, across reloads.
 */
export interface OwnedHooks<E = HookEvents> {
  /** Registers a hook owned by this extension. Returns a function that removes it. */
  on<K extends keyof E>(
    event: K,
    handler: HookHandler<E[K], E>,
    options?: OwnedHookOptions,
  ): () => void;
  /** Queues an event (see `HookBus#emit`). */
  emit<K extends keyof E>(event: K, payload: E[K]): Promise<EmitReceipt>;
  /** Dispatches an event now and waits for every hook (see `HookBus#emitAndWait`). */
  emitAndWait<K extends keyof E>(event: K, payload: E[K]): Promise<DispatchResult>;
}

/**
 * Builds `ctx.hooks` for one extension; its hooks are released with the scope, and each handler
 * runs as the extension (see `runAsExtension`).
 */
export function createOwnedHooks<E>(
  bus: HookBus<E>,
  scope: OwnershipScope,
  activity?: ActivitySink,
): OwnedHooks<E> {
  const owner = scope.owner;
  const used = new Map<string, number>();
  // keepState: the bus keeps each released hook's breaker/metrics by id, and the next version's
  // hook with the same id picks it up — that is how breaker state survives a reload.
  scope.onDispose(() => bus.releaseOwner(owner, { keepState: true }));
  return {
    on(event, handler, options = {}) {
      if (scope.closed) {
        throw new LoaderError(
          'ZRX_EXT_SCOPE_CLOSED',
          `Extension "${owner}" tried to register a hook for "${String(event)}" after it was unloaded.`,
          'Register hooks during setup(ctx), and stop background work when ctx.signal aborts.',
          { extension: owner },
        );
      }
      const base = options.id ?? `${String(event)}:${handler.name || 'anonymous'}`;
      const count = (used.get(base) ?? 0) + 1;
      used.set(base, count);
      const local = count === 1 ? base : `${base}#${count}`;
      const id = local.startsWith(`${owner}:`) ? local : `${owner}:${local}`;
      const owned: typeof handler = (payload, context) =>
        runAsExtension(owner, () => handler(payload, context), activity);
      return bus.on(event, owned, { ...options, id, owner });
    },
    emit: (event, payload) => bus.emit(event, payload),
    emitAndWait: (event, payload) => bus.emitAndWait(event, payload),
  };
}
