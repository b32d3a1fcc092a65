import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import type { QuarantineStore } from './host-options.js';
import type { QuarantineInfo } from './status.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

/** A quarantine store over a plain object, like the framework's faults file. */
function memoryStore(): QuarantineStore & { entries: Record<string, QuarantineInfo> } {
  const entries: Record<string, QuarantineInfo> = {};
  return {
    entries,
    list: () => ({ ...entries }),
    add: (name, info) => {
      entries[name] = info;
    },
    remove: (name) => {
      delete entries[name];
    },
  };
}

async function twoExtensions(w: Workspace): Promise<void> {
  await w.write(
    'flaky/index.ts',
    extensionSource({ name: 'flaky', top: `probe.calls.push('evaluated:flaky');` }),
  );
  await w.write('fan.ts', extensionSource({ name: 'fan', dependencies: { flaky: '^1.0.0' } }));
  await w.write('calm.ts', extensionSource({ name: 'calm' }));
}

describe('quarantine', () => {
  it('unloads the extension (dependents first), refuses to load it and says why', async () => {
    ws = await workspace();
    probe();
    await twoExtensions(ws);
    const store = memoryStore();
    const { host, bus, events } = testHost(ws, { quarantine: store });
    await host.boot();
    expect(await host.quarantine('flaky', '3 faults within 10 min')).toEqual(['fan', 'flaky']);
    const status = host.statusOf('flaky');
    expect(status?.state).toBe('quarantined');
    expect(status?.quarantine?.reason).toBe('3 faults within 10 min');
    expect(status?.lastError?.code).toBe('ZRX_EXT_QUARANTINED');
    expect(status?.lastError?.message).toContain('3 faults within 10 min');
    expect(host.statusOf('fan')?.state).toBe('skipped');
    expect(host.statusOf('calm')?.state).toBe('loaded');
    expect(store.entries.flaky?.reason).toBe('3 faults within 10 min');
    await expect(host.load('flaky')).rejects.toMatchObject({ code: 'ZRX_EXT_QUARANTINED' });
    await expect(host.reload('flaky')).rejects.toMatchObject({ code: 'ZRX_EXT_QUARANTINED' });
    // A second quarantine changes nothing.
    expect(await host.quarantine('flaky', 'again')).toEqual([]);
    await bus.drain();
    expect(events.filter((e) => e.event === 'extension_quarantined')).toEqual([
      {
        event: 'extension_quarantined',
        payload: { name: 'flaky', reason: '3 faults within 10 min', unloaded: ['fan', 'flaky'] },
      },
    ]);
    expect(events.filter((e) => e.event === 'extension_unloaded').map((e) => e.payload)).toEqual([
      { name: 'fan', version: '1.0.0', reason: 'quarantine' },
      { name: 'flaky', version: '1.0.0', reason: 'quarantine' },
    ]);
  });

  it('keeps it off across boots without evaluating its code, until unquarantine', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await twoExtensions(ws);
    const store = memoryStore();
    store.entries.flaky = { reason: 'watchdog: blocked the event loop', at: Date.now() };
    const { host } = testHost(ws, { quarantine: store });
    const report = await host.boot();
    expect(calls).not.toContain('evaluated:flaky');
    expect(report.quarantined).toEqual(['flaky']);
    expect(report.loaded).toEqual(['calm']);
    expect(report.summary).toContain('1 quarantined');
    expect(report.summary).toContain('flaky quarantined: watchdog: blocked the event loop');
    expect(host.statusOf('fan')?.state).toBe('skipped');

    const status = await host.unquarantine('flaky');
    expect(status.state).toBe('loaded');
    expect(status.quarantine).toBeNull();
    expect(calls).toContain('evaluated:flaky');
    expect(host.statusOf('fan')?.state).toBe('loaded');
    expect(store.entries).toEqual({});
    await expect(host.unquarantine('calm')).rejects.toMatchObject({
      code: 'ZRX_EXT_NOT_QUARANTINED',
    });
  });
});
