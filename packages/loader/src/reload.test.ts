import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import { LoaderError } from './errors.js';

declare module '@zoryx/hooks' {
  interface HookEvents {
    /** A test-only event: the breaker test emits it until a failing hook's breaker opens. */
    flaky_tick: { readonly attempt: number };
  }
}

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

const reply = (text: string) =>
  `ctx.hooks.on('bot_ready', function reply() {}); return { reply: () => ${JSON.stringify(text)} };`;

async function threeLevels(w: Workspace) {
  await w.write(
    'economy/index.ts',
    extensionSource({
      name: 'economy',
      top: "import { unit } from './format';",
      setup: `probe.values.unit = unit; ${reply('eco v1')}`,
    }),
  );
  await w.write('economy/format.ts', 'export const unit = "coins";\n');
  await w.write(
    'shop.ts',
    extensionSource({ name: 'shop', dependencies: { economy: '*' }, setup: reply('shop v1') }),
  );
  await w.write(
    'bank.ts',
    extensionSource({ name: 'bank', dependencies: { shop: '*' }, setup: reply('bank v1') }),
  );
  await w.write('other.ts', extensionSource({ name: 'other' }));
}

const replyOf = (host: { get(name: string): unknown }, name: string) =>
  (host.get(name) as { reply(): string }).reply();

describe('ExtensionHost.reload', () => {
  it('reloads the extension and its dependents: dependents torn down first, set up after', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await threeLevels(ws);
    const { host, bus, events } = testHost(ws);
    await host.boot();
    await bus.drain();
    events.length = 0;
    calls.length = 0;
    await ws.write(
      'economy/index.ts',
      extensionSource({ name: 'economy', version: '1.1.0', setup: reply('eco v2') }),
    );
    expect(await host.reload('economy')).toEqual(['economy', 'shop', 'bank']);
    expect(calls).toEqual([
      'teardown:bank@1.0.0',
      'teardown:shop@1.0.0',
      'teardown:economy@1.0.0',
      'setup:economy@1.1.0',
      'setup:shop@1.0.0',
      'setup:bank@1.0.0',
    ]);
    expect(replyOf(host, 'economy')).toBe('eco v2');
    expect(replyOf(host, 'shop')).toBe('shop v1');
    expect(host.statusOf('economy')?.version).toBe('1.1.0');
    expect(bus.hooks().filter((h) => h.owner === 'economy')).toHaveLength(1);
    await bus.drain();
    const loaded = events.filter((e) => e.event === 'extension_loaded').map((e) => e.payload);
    expect(loaded).toEqual([
      expect.objectContaining({ name: 'economy', version: '1.1.0', reload: true }),
      expect.objectContaining({ name: 'shop', reload: true }),
      expect.objectContaining({ name: 'bank', reload: true }),
    ]);
    expect(
      events
        .filter((e) => e.event === 'extension_unloaded')
        .map((e) => (e.payload as { reason: string }).reason),
    ).toEqual(['reload', 'reload', 'reload']);
  });

  it('a syntax error rolls back before anything stops: old versions keep serving, the failure is reported', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await threeLevels(ws);
    const { host, bus, events } = testHost(ws);
    await host.boot();
    await bus.drain();
    events.length = 0;
    calls.length = 0;
    await ws.write('economy/format.ts', 'export const unit = ;\n');
    const error = await host.reload('economy').catch((e: LoaderError) => e);
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('ZRX_EXT_RELOAD_FAILED');
    expect((error as LoaderError).message).toContain('ZRX_EXT_COMPILE');
    expect((error as LoaderError).message).toContain('format.ts');
    expect(calls).toEqual([]);
    expect(replyOf(host, 'economy')).toBe('eco v1');
    expect(host.statusOf('economy')).toMatchObject({ state: 'loaded', version: '1.0.0' });
    expect(host.statusOf('economy')?.lastError?.code).toBe('ZRX_EXT_RELOAD_FAILED');
    await bus.drain();
    expect(events).toEqual([
      {
        event: 'extension_reload_failed',
        payload: {
          name: 'economy',
          runningVersion: '1.0.0',
          error: expect.objectContaining({ code: 'ZRX_EXT_COMPILE' }),
        },
      },
    ]);
  });

  it('a dependent whose new setup throws rolls every version back by re-running the old setups', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await threeLevels(ws);
    const { host, bus } = testHost(ws);
    await host.boot();
    calls.length = 0;
    await ws.write(
      'economy/index.ts',
      extensionSource({ name: 'economy', version: '2.0.0', setup: reply('eco v2') }),
    );
    await ws.write(
      'bank.ts',
      extensionSource({
        name: 'bank',
        version: '1.5.0',
        dependencies: { shop: '*' },
        setup: "ctx.hooks.on('guild_left', () => {}); throw new Error('bank broke');",
      }),
    );
    const error = await host.reload('economy').catch((e: LoaderError) => e);
    expect((error as LoaderError).code).toBe('ZRX_EXT_RELOAD_FAILED');
    expect((error as LoaderError).message).toContain('"bank"');
    expect((error as LoaderError).message).toContain('bank broke');
    expect(calls).toEqual([
      'teardown:bank@1.0.0',
      'teardown:shop@1.0.0',
      'teardown:economy@1.0.0',
      'setup:economy@2.0.0',
      'setup:shop@1.0.0',
      'setup:bank@1.5.0',
      'teardown:shop@1.0.0',
      'teardown:economy@2.0.0',
      'setup:economy@1.0.0',
      'setup:shop@1.0.0',
      'setup:bank@1.0.0',
    ]);
    expect(replyOf(host, 'economy')).toBe('eco v1');
    expect(replyOf(host, 'bank')).toBe('bank v1');
    expect(
      host
        .status()
        .filter((s) => s.state === 'loaded')
        .map((s) => `${s.name}@${s.version}`),
    ).toEqual(['bank@1.0.0', 'economy@1.0.0', 'other@1.0.0', 'shop@1.0.0']);
    expect(
      bus
        .hooks()
        .map((h) => h.id)
        .sort(),
    ).toEqual([
      'bank:bot_ready:reply',
      'economy:bot_ready:reply',
      'shop:bot_ready:reply',
      'test:extension_loaded',
      'test:extension_quarantined',
      'test:extension_reload_failed',
      'test:extension_unloaded',
    ]);
  });

  it('a new version the resolver refuses is not swapped in', async () => {
    ws = await workspace();
    probe();
    await threeLevels(ws);
    const { host } = testHost(ws);
    await host.boot();
    await ws.write(
      'shop.ts',
      extensionSource({
        name: 'shop',
        dependencies: { economy: '^9.0.0' },
        setup: reply('shop v2'),
      }),
    );
    await expect(host.reload('shop')).rejects.toMatchObject({ code: 'ZRX_EXT_RELOAD_FAILED' });
    expect(replyOf(host, 'shop')).toBe('shop v1');
    expect(host.statusOf('shop')?.lastError?.message).toContain('economy');
  });

  it('a renamed extension is refused as a reload', async () => {
    ws = await workspace();
    probe();
    await threeLevels(ws);
    const { host } = testHost(ws);
    await host.boot();
    await ws.write('other.ts', extensionSource({ name: 'another' }));
    const error = await host.reload('other').catch((e: LoaderError) => e);
    expect((error as LoaderError).message).toContain('ZRX_EXT_NAME_MISMATCH');
    expect(host.statusOf('other')?.state).toBe('loaded');
  });

  it('hook breaker state survives a reload of the owning extension', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'flaky.ts',
      extensionSource({
        name: 'flaky',
        setup: "ctx.hooks.on('flaky_tick', function fail() { throw new Error('flaky'); });",
      }),
    );
    const { host, bus } = testHost(ws);
    await host.boot();
    for (let i = 0; i < 5; i++) await bus.emitAndWait('flaky_tick', { attempt: i });
    const before = bus.hooks().find((h) => h.id === 'flaky:flaky_tick:fail');
    expect(before?.breaker).toBe('open');
    await ws.write(
      'flaky.ts',
      extensionSource({
        name: 'flaky',
        version: '1.0.1',
        setup: "ctx.hooks.on('flaky_tick', function fail() { throw new Error('still flaky'); });",
      }),
    );
    await host.reload('flaky');
    const after = bus.hooks().find((h) => h.id === 'flaky:flaky_tick:fail');
    expect(after?.breaker).toBe('open');
    expect(after?.metrics.failures).toBe(before?.metrics.failures);
  });

  it('reloading an extension that is not loaded loads it (e.g. after a failed boot)', async () => {
    ws = await workspace();
    probe();
    await ws.write('late.ts', 'export default {');
    const { host } = testHost(ws);
    await host.boot();
    expect(host.statusOf('late')?.state).toBe('failed');
    await ws.write('late.ts', extensionSource({ name: 'late' }));
    expect(await host.reload('late')).toEqual(['late']);
    expect(host.statusOf('late')).toMatchObject({ state: 'loaded', lastError: null });
  });
});
