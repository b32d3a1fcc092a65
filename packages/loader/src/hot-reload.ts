import { join, resolve as resolvePath, sep } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { discoverExtensions } from './discovery.js';
import { LoaderError } from './errors.js';
import type { ExtensionHost } from './host.js';
import { fingerprint } from './module-compiler.js';

/** What the hot reloader reports (for logs, dashboards and benchmarks). */
export type HotReloadEvent =
  | { readonly type: 'reloaded'; readonly name: string; readonly names: readonly string[] }
  | { readonly type: 'failed'; readonly name: string; readonly error: unknown }
  | { readonly type: 'unchanged'; readonly name: string }
  | { readonly type: 'watcher-error'; readonly error: unknown };

/** Options of {@link HotReloader}. */
export interface HotReloaderOptions {
  /** Events within this window after the first are handled together. Default 2 ms. */
  debounceMs?: number;
  /**
   * After each attempt, the touched files are re-read this much later; if their bytes differ
   * from what the attempt started with, it runs again. A safety net for change events the
   * platform's watcher coalesced or lost, so the final content always ends up running.
   * Default 75 ms.
   */
  settleMs?: number;
  /** Called after every attempt. */
  onEvent?: (event: HotReloadEvent) => void;
}

/**
 * Watches the host's extensions folder with chokidar and reloads what a save affects: the
 * extension whose files changed, plus its dependents (via `host.reload`). A save that does not
 * compile (half-written, or a real syntax error) fails that attempt, the old version keeps
 * running, and the next change retries; a new extension folder or file is loaded when it appears.
 */
export class HotReloader {
  readonly #host: ExtensionHost;
  readonly #directory: string;
  readonly #debounceMs: number;
  readonly #settleMs: number;
  readonly #onEvent: ((event: HotReloadEvent) => void) | undefined;
  #watcher: FSWatcher | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  readonly #pending = new Set<string>();
  readonly #newFiles = new Set<string>();
  readonly #touched = new Map<string, Set<string>>();
  readonly #attempted = new Map<string, string>();
  readonly #inFlight = new Set<string>();
  readonly #dirty = new Set<string>();
  readonly #settleTimers = new Map<string, NodeJS.Timeout>();
  readonly #idle = new Set<() => void>();
  #loadingNew = 0;
  readonly #newFolders = new Set<string>();
  #lookAgainTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(host: ExtensionHost, options: HotReloaderOptions = {}) {
    const directory = host.discoveryOptions.directory;
    if (!directory) {
      throw new LoaderError(
        'ZRX_EXT_DISCOVERY',
        'HotReloader needs an extensions folder, but the host has no `directory` option.',
        'Pass `directory` to new ExtensionHost({ … }) before creating a HotReloader.',
      );
    }
    this.#host = host;
    this.#directory = resolvePath(directory);
    this.#debounceMs = options.debounceMs ?? 2;
    this.#settleMs = options.settleMs ?? 75;
    this.#onEvent = options.onEvent;
  }

  /** Starts watching; resolves once the initial scan is done and changes are being seen. */
  async start(): Promise<void> {
    if (this.#watcher) return;
    // Imported here: a bot without hot reload never loads chokidar.
    const { watch } = await import('chokidar');
    if (this.#watcher || this.#closed) return;
    const watcher = watch(this.#directory, {
      ignoreInitial: true,
      ignored: (path) => /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(path),
    });
    this.#watcher = watcher;
    watcher.on('all', (event, path) => {
      if (event === 'add' || event === 'addDir' || event === 'change' || event === 'unlink') {
        this.#onChange(event, path);
      }
    });
    // chokidar drops repeat `change` events of one path within 50 ms, which is exactly the
    // follow-up write of a save that was read half-written. Its raw fs.watch events are not
    // throttled: each write of a watched file triggers another attempt.
    watcher.on('raw', (event, path, details) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (event !== 'change' || typeof watched !== 'string' || typeof path !== 'string') return;
      this.#onChange('change', watched);
      this.#onChange('change', join(watched, path));
    });
    await new Promise<void>((resolve, reject) => {
      watcher.once('ready', resolve);
      watcher.once('error', reject);
    });
    // After start, watcher errors (e.g. a folder that became unreadable) are reported, not thrown.
    watcher.on('error', (error) => this.#onEvent?.({ type: 'watcher-error', error }));
    this.#catchUp();
  }

  /**
   * Nothing watched the folder between the host's boot and the watcher's ready (`ignoreInitial`
   * reports none of what the initial scan finds): a new extension or a save in that gap would
   * wait for an unrelated change. This looks once, as a change would: unknown sources are
   * loaded and loaded extensions whose files changed are reloaded. `idle()` covers it.
   */
  #catchUp(): void {
    this.#loadingNew++;
    void (async () => {
      try {
        const loaded = this.#host.status().filter((s) => s.state === 'loaded');
        const stale = await Promise.all(
          loaded.map(async (s) => ((await this.#host.isCurrent(s.name)) ? undefined : s.name)),
        );
        if (this.#closed) return;
        for (const name of stale) if (name) this.#pending.add(name);
        if (this.#pending.size > 0 && this.#flushTimer === undefined) this.#flush();
        await this.#loadNew();
      } finally {
        this.#loadingNew--;
        this.#checkIdle();
      }
    })();
  }

  /** Stops watching and cancels pending work (a reload in progress finishes). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#flushTimer);
    clearTimeout(this.#lookAgainTimer);
    this.#lookAgainTimer = undefined;
    for (const timer of this.#settleTimers.values()) clearTimeout(timer);
    this.#settleTimers.clear();
    await this.#watcher?.close();
    this.#watcher = undefined;
  }

  /** Resolves when no reload is pending, running or waiting for its settle check. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  #isIdle(): boolean {
    return (
      this.#pending.size === 0 &&
      this.#newFiles.size === 0 &&
      this.#inFlight.size === 0 &&
      this.#loadingNew === 0 &&
      this.#settleTimers.size === 0 &&
      this.#flushTimer === undefined &&
      this.#lookAgainTimer === undefined
    );
  }

  #checkIdle(): void {
    if (!this.#isIdle()) return;
    for (const resolve of this.#idle) resolve();
    this.#idle.clear();
  }

  #onChange(event: 'add' | 'addDir' | 'change' | 'unlink', path: string): void {
    if (this.#closed) return;
    const file = resolvePath(path);
    const inside = file.startsWith(`${this.#directory}${sep}`);
    if (event === 'addDir') {
      if (!inside) return;
      this.#newFiles.add(file);
      this.#newFolders.add(file);
    }
    const names = event === 'addDir' ? [] : this.#host.extensionsUsing(file);
    if (names.length === 0 && event === 'add' && inside) this.#newFiles.add(file);
    for (const name of names) {
      this.#pending.add(name);
      const files = this.#touched.get(name) ?? new Set<string>();
      this.#touched.set(name, files);
      files.add(file);
    }
    if (this.#flushTimer === undefined && (this.#pending.size > 0 || this.#newFiles.size > 0)) {
      this.#flushTimer = setTimeout(() => this.#flush(), this.#debounceMs);
    }
  }

  #flush(): void {
    this.#flushTimer = undefined;
    const names = [...this.#pending];
    this.#pending.clear();
    // Reloading an extension reloads its dependents too: do not reload them twice.
    const covered = new Set(names.flatMap((n) => this.#host.dependentsOf(n)));
    for (const name of names) if (!covered.has(name)) void this.#process(name);
    if (this.#newFiles.size > 0) {
      this.#newFiles.clear();
      void this.#loadNew();
    }
    if (this.#newFolders.size > 0) this.#lookAgain();
    this.#checkIdle();
  }

  /**
   * chokidar lists a new folder before it starts watching it, so a file created in between (an
   * editor or a copy filling the folder it just made, while this thread is busy) is never
   * reported. One more look, a settle period after the folder appeared, loads what it holds, and
   * retries an extension of the folder that failed because it was read before it was written.
   */
  #lookAgain(): void {
    clearTimeout(this.#lookAgainTimer);
    const timer = setTimeout(() => {
      if (this.#lookAgainTimer === timer) this.#lookAgainTimer = undefined;
      const folders = [...this.#newFolders].map((folder) => `${folder}${sep}`);
      this.#newFolders.clear();
      if (this.#closed) return;
      for (const status of this.#host.status()) {
        const entry = status.entry;
        if (status.state !== 'failed' || !entry) continue;
        if (folders.some((folder) => entry.startsWith(folder))) this.#onChange('change', entry);
      }
      void this.#loadNew();
    }, this.#settleMs);
    timer.unref();
    this.#lookAgainTimer = timer;
  }

  async #process(name: string): Promise<void> {
    if (this.#closed) return;
    if (this.#inFlight.has(name)) {
      this.#dirty.add(name);
      return;
    }
    this.#inFlight.add(name);
    clearTimeout(this.#settleTimers.get(name));
    this.#settleTimers.delete(name);
    const files = [...(this.#touched.get(name) ?? [])];
    await Promise.all(files.map(async (f) => this.#attempted.set(f, await fingerprint(f))));
    try {
      const status = this.#host.statusOf(name);
      if (status?.state === 'loaded' && (await this.#host.isCurrent(name))) {
        this.#onEvent?.({ type: 'unchanged', name });
      } else {
        const names = await this.#host.reload(name);
        this.#onEvent?.({ type: 'reloaded', name, names });
      }
    } catch (error) {
      // The host already rolled back, logged and emitted extension_reload_failed; keep watching.
      this.#onEvent?.({ type: 'failed', name, error });
    } finally {
      this.#inFlight.delete(name);
    }
    if (this.#dirty.delete(name)) {
      void this.#process(name);
      return;
    }
    this.#scheduleSettle(name, files);
  }

  #scheduleSettle(name: string, files: readonly string[]): void {
    if (this.#closed) {
      this.#checkIdle();
      return;
    }
    const timer = setTimeout(async () => {
      const changed = await Promise.all(
        files.map(async (f) => (await fingerprint(f)) !== this.#attempted.get(f)),
      );
      if (this.#settleTimers.get(name) === timer) this.#settleTimers.delete(name);
      if (changed.some(Boolean)) void this.#process(name);
      else this.#checkIdle();
    }, this.#settleMs);
    timer.unref();
    this.#settleTimers.set(name, timer);
  }

  async #loadNew(): Promise<void> {
    this.#loadingNew++;
    try {
      const { sources } = await discoverExtensions(this.#host.discoveryOptions);
      const known = new Set(this.#host.status().map((s) => s.entry));
      for (const source of sources) {
        if (this.#host.statusOf(source.name) || known.has(source.entry)) continue;
        try {
          await this.#host.load(source.name);
          this.#onEvent?.({ type: 'reloaded', name: source.name, names: [source.name] });
        } catch (error) {
          this.#onEvent?.({ type: 'failed', name: source.name, error });
        }
      }
    } finally {
      this.#loadingNew--;
      this.#checkIdle();
    }
  }
}
