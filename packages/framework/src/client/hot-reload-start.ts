// The hot reloader starts after the bot's start() has resolved instead of inside it: importing
// chokidar and its initial scan of the extensions folder (65–77 ms for 50 extension folders) are
// no part of the first reply, and under the supervisor the worker reports `ready` when start()
// resolves. Nothing saved meanwhile is lost: the reloader catches up, once its watcher is ready,
// on whatever changed since the boot (@zoryx/loader's HotReloader). A watcher that cannot start
// no longer fails start(): the bot serves without hot reload, and the failure is logged
// (ZRX_HOT_RELOAD_START) and emitted as `hot_reload_failed`.
import type { HookBus } from '@zoryx/hooks';
import { HotReloader, type HotReloaderOptions } from '@zoryx/loader';
import type { Logger } from 'pino';
import { serializeError } from '../listeners/invocation.js';
import type { ZoryxExtensionHost } from './zoryx-extension-host.js';

/** A hot reloader whose watcher is starting. */
export interface StartingHotReload {
  readonly reloader: HotReloader;
  /** `true` once it watches (or was closed first), `false` when it failed to start (reported). */
  readonly started: Promise<boolean>;
}

/**
 * Creates the hot reloader of `host` and starts its watcher without waiting for it. Throws only
 * what creating it throws (a host without an extensions folder); a failed watcher start is
 * reported through `logger` and the `hot_reload_failed` hook, and resolves `started` with false.
 */
export function startHotReload(
  host: ZoryxExtensionHost,
  options: HotReloaderOptions | undefined,
  logger: Logger,
  hooks: HookBus,
): StartingHotReload {
  const reloader = new HotReloader(host, {
    ...options,
    onEvent: (event) => {
      options?.onEvent?.(event);
      if (event.type === 'failed') {
        logger.warn(
          { extension: event.name, err: event.error },
          `hot reload of ${event.name} failed; the previous version keeps running`,
        );
      }
    },
  });
  const directory = host.discoveryOptions.directory ?? '';
  const started = reloader.start().then(
    () => true,
    (error: unknown) => {
      logger.error(
        { err: error, code: 'ZRX_HOT_RELOAD_START', directory },
        `hot reload could not start watching ${directory}; the bot runs without it`,
      );
      hooks
        .emit('hot_reload_failed', { directory, error: serializeError(error) })
        .catch(() => undefined);
      return false;
    },
  );
  return { reloader, started };
}
