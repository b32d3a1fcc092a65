import type { HookEvents, SerializedError } from '@zoryx/hooks';

/*
 * The loader's own events on the hook bus. `@zoryx/hooks` declares no events; each layer adds
 * its vocabulary to `HookEvents` by declaration merging, so anyone who imports `@zoryx/loader`
 * gets `bus.on('extension_loaded', …)` typed. The host emits these from activation and reload.
 */
declare module '@zoryx/hooks' {
  interface HookEvents {
    /** An extension finished `setup` (first load or a successful reload). */
    extension_loaded: {
      readonly name: string;
      readonly version: string;
      readonly loadTimeMs: number;
      readonly reload: boolean;
    };
    /** An extension was torn down and its hooks released. */
    extension_unloaded: {
      readonly name: string;
      readonly version: string;
      readonly reason: 'unload' | 'reload' | 'shutdown' | 'quarantine';
    };
    /** A reload failed; the previous version (if any) keeps running. */
    extension_reload_failed: {
      readonly name: string;
      readonly error: SerializedError;
      /** Version still running after the rollback, or `null` when nothing could be kept. */
      readonly runningVersion: string | null;
    };
    /**
     * An extension was quarantined (`host.quarantine`, e.g. after repeated faults): unloaded if it
     * ran, and not loaded again, also across restarts, until `host.unquarantine(name)`.
     */
    extension_quarantined: {
      readonly name: string;
      readonly reason: string;
      /** What was unloaded for it: its loaded dependents, then itself; empty if it was not loaded. */
      readonly unloaded: readonly string[];
    };
  }
}

/**
 * The payloads of the events the loader emits on the hook bus, by event name: the part of
 * `HookEvents` this package declares.
 *
 * @example
 * ```ts
 * bus.on('extension_reload_failed', ({ name, error }) => log.warn({ name, error }, 'reload failed'));
 * ```
 */
export type ExtensionEventPayloads = Pick<
  HookEvents,
  'extension_loaded' | 'extension_unloaded' | 'extension_reload_failed' | 'extension_quarantined'
>;
