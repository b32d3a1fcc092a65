import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { HookBus } from '@zoryx/hooks';
import { type Logger, pino } from 'pino';
import type { ExtensionHostOptions } from '../src/index.js';
import * as loader from '../src/index.js';
import { ExtensionHost } from '../src/index.js';

/** A real folder with an `extensions/` directory, removed by `cleanup`. */
export interface Workspace {
  readonly root: string;
  readonly extensions: string;
  /** Writes a file relative to `extensions/` (creating folders). Returns its absolute path. */
  write(relative: string, content: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** Creates a workspace under the OS temp dir, or under `base` (e.g. to see real node_modules). */
export async function workspace(base = tmpdir()): Promise<Workspace> {
  await mkdir(base, { recursive: true });
  const root = await mkdtemp(join(base, 'zoryx-loader-'));
  const extensions = join(root, 'extensions');
  await mkdir(extensions, { recursive: true });
  return {
    root,
    extensions,
    async write(relative, content) {
      const file = join(extensions, relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** A pino logger that keeps its records in memory. */
export function memoryLogger(): { logger: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) records.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), records };
}

/** Shared state extension code in tests writes to (`globalThis.__zoryx`). */
export interface Probe {
  calls: string[];
  values: Record<string, unknown>;
}

export function probe(): Probe {
  const state: Probe = { calls: [], values: {} };
  (globalThis as unknown as { __zoryx: Probe }).__zoryx = state;
  return state;
}

/** Source of a small extension. `body` is the body of setup(ctx). */
export function extensionSource(spec: {
  name: string;
  version?: string;
  dependencies?: Record<string, string>;
  conflicts?: Record<string, string>;
  setup?: string;
  teardown?: string;
  extra?: string;
  top?: string;
}): string {
  return `import { defineExtension } from '@zoryx/loader';
const probe = (globalThis as any).__zoryx as { calls: string[]; values: Record<string, unknown> };
${spec.top ?? ''}
export default defineExtension({
  name: ${JSON.stringify(spec.name)},
  version: ${JSON.stringify(spec.version ?? '1.0.0')},
  dependencies: ${JSON.stringify(spec.dependencies ?? {})},
  conflicts: ${JSON.stringify(spec.conflicts ?? {})},
  ${spec.extra ?? ''}
  async setup(ctx: any) {
    probe.calls.push('setup:' + ctx.name + '@' + ctx.version);
    ${spec.setup ?? ''}
  },
  async teardown(ctx: any) {
    probe.calls.push('teardown:' + ctx.name + '@' + ctx.version);
    ${spec.teardown ?? ''}
  },
});
`;
}

/** A host over a workspace with an in-memory logger; `@zoryx/loader` is shared with extensions. */
export function testHost(ws: Workspace, options: Partial<ExtensionHostOptions> = {}) {
  const bus = options.bus ?? new HookBus({ defaultTimeoutMs: 5_000 });
  const { logger, records } = memoryLogger();
  const host = new ExtensionHost({
    bus,
    logger,
    directory: ws.extensions,
    sharedModules: { '@zoryx/loader': loader },
    ...options,
  });
  const events: { event: string; payload: unknown }[] = [];
  for (const event of [
    'extension_loaded',
    'extension_unloaded',
    'extension_reload_failed',
    'extension_quarantined',
  ] as const) {
    bus.on(
      event,
      (payload) => {
        events.push({ event, payload });
      },
      { id: `test:${event}` },
    );
  }
  return { host, bus, logs: records, events };
}

/** Polls `check` until it returns true (generous deadline; for file-watcher tests only). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 10));
  }
}
