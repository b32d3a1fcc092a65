import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import { LoaderError } from './errors.js';
import * as loader from './index.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

const OWNS_EVERYTHING = `
  ctx.hooks.on('bot_ready', function onReady() {});
  ctx.hooks.on('guild_joined', () => {}, { id: 'welcome', priority: 5 });
  const every = ctx.schedule.every('1h', () => {});
  const after = ctx.schedule.after(60_000, () => {});
  ctx.onDispose(() => probe.calls.push('disposed:' + ctx.name));
  ctx.own({ close: () => probe.calls.push('closed:' + ctx.name) });
  ctx.signal.addEventListener('abort', () => probe.calls.push('aborted:' + ctx.name));
  return { every, after };
`;

describe('ExtensionHost ownership and unload', () => {
  it('load → unload leaves no hooks, timers or disposers behind', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write('owner/index.ts', extensionSource({ name: 'owner', setup: OWNS_EVERYTHING }));
    const { host, bus, events } = testHost(ws);
    await host.boot();
    expect(
      bus
        .hooks()
        .filter((h) => h.owner === 'owner')
        .map((h) => h.id),
    ).toEqual(['owner:bot_ready:onReady', 'owner:welcome']);
    const api = host.get('owner') as { every: { active: boolean }; after: { active: boolean } };
    expect(api.every.active).toBe(true);
    expect(await host.unload('owner')).toEqual(['owner']);
    expect(bus.hooks().filter((h) => h.owner === 'owner')).toEqual([]);
    expect(api.every.active).toBe(false);
    expect(api.after.active).toBe(false);
    expect(calls).toEqual([
      'setup:owner@1.0.0',
      'teardown:owner@1.0.0',
      'aborted:owner',
      'closed:owner',
      'disposed:owner',
    ]);
    expect(host.statusOf('owner')?.state).toBe('unloaded');
    expect(host.get('owner')).toBeUndefined();
    await bus.drain();
    expect(events.at(-1)).toEqual({
      event: 'extension_unloaded',
      payload: { name: 'owner', version: '1.0.0', reason: 'unload' },
    });
  });

  it('unload takes dependents first; load brings one back and retries what waited for it', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write('a.ts', extensionSource({ name: 'a' }));
    await ws.write('b.ts', extensionSource({ name: 'b', dependencies: { a: '*' } }));
    await ws.write('c.ts', extensionSource({ name: 'c', dependencies: { b: '*' } }));
    await ws.write('d.ts', extensionSource({ name: 'd' }));
    const { host } = testHost(ws);
    await host.boot();
    calls.length = 0;
    expect(await host.unload('a')).toEqual(['c', 'b', 'a']);
    expect(calls).toEqual(['teardown:c@1.0.0', 'teardown:b@1.0.0', 'teardown:a@1.0.0']);
    expect(host.statusOf('d')?.state).toBe('loaded');

    const refused = await host.load('b').catch((e: LoaderError) => e);
    expect(refused).toBeInstanceOf(LoaderError);
    expect((refused as LoaderError).code).toBe('ZRX_EXT_DEPENDENCY_FAILED');
    expect((refused as LoaderError).message).toContain('dependency "a"');
    expect(host.statusOf('b')?.state).toBe('skipped');

    calls.length = 0;
    // loading `a` also brings back `b`, which was waiting for it
    expect((await host.load('a')).state).toBe('loaded');
    expect(host.statusOf('b')?.state).toBe('loaded');
    await host.load('c');
    expect(calls).toEqual(['setup:a@1.0.0', 'setup:b@1.0.0', 'setup:c@1.0.0']);
    await expect(host.load('a')).rejects.toMatchObject({ code: 'ZRX_EXT_ALREADY_LOADED' });
    await expect(host.unload('ghost')).rejects.toMatchObject({ code: 'ZRX_EXT_NOT_LOADED' });
    await expect(host.load('ghost')).rejects.toMatchObject({ code: 'ZRX_EXT_NOT_FOUND' });
  });

  it('load() refuses what the resolver refuses, with its explanation', async () => {
    ws = await workspace();
    probe();
    await ws.write('a.ts', extensionSource({ name: 'a', version: '1.0.0' }));
    await ws.write('b.ts', extensionSource({ name: 'b', conflicts: { a: '*' } }));
    const { host } = testHost(ws, { blacklist: ['b'] });
    await host.boot();
    await expect(host.load('b')).rejects.toMatchObject({ code: 'ZRX_EXT_BLACKLISTED' });
    const relaxed = testHost(ws);
    await relaxed.host.boot();
    expect(relaxed.host.statusOf('b')?.state).toBe('skipped');
    const error = await relaxed.host.load('b').catch((e: LoaderError) => e);
    expect((error as LoaderError).code).toBe('ZRX_EXT_RESOLVE');
    expect((error as LoaderError).message).toContain('a');
    expect(relaxed.host.statusOf('b')?.state).toBe('failed');
  });

  it('an extension skipped because its dependency failed loads once the dependency is loaded', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'base.ts',
      extensionSource({ name: 'base', setup: "throw new Error('not yet');" }),
    );
    await ws.write('child.ts', extensionSource({ name: 'child', dependencies: { base: '*' } }));
    const { host } = testHost(ws);
    await host.boot();
    expect(host.statusOf('child')?.state).toBe('skipped');
    await ws.write('base.ts', extensionSource({ name: 'base' }));
    await host.reload('base');
    expect(host.statusOf('base')?.state).toBe('loaded');
    expect(host.statusOf('child')?.state).toBe('loaded');
  });

  it('ctx.extensions exposes loaded extensions’ APIs; require() explains a missing one', async () => {
    ws = await workspace();
    const values = probe().values;
    await ws.write(
      'economy.ts',
      extensionSource({
        name: 'economy',
        setup: 'return { balance: (u: string) => u.length * 10 };',
      }),
    );
    await ws.write(
      'shop.ts',
      extensionSource({
        name: 'shop',
        dependencies: { economy: '^1.0.0' },
        setup: `probe.values.balance = ctx.extensions.get('economy').balance('ann');
          probe.values.has = ctx.extensions.has('economy');
          try { ctx.extensions.require('nothing'); } catch (e: any) { probe.values.code = e.code; }`,
      }),
    );
    const { host } = testHost(ws);
    await host.boot();
    expect(values).toEqual({ balance: 30, has: true, code: 'ZRX_EXT_API_UNAVAILABLE' });
  });

  it('host.get() and host.require() look APIs up like ctx.extensions; api() still answers', async () => {
    ws = await workspace();
    const values = probe().values;
    await ws.write(
      'economy.ts',
      extensionSource({ name: 'economy', setup: 'return { balance: (u: string) => u.length };' }),
    );
    await ws.write(
      'silent.ts',
      extensionSource({
        name: 'silent',
        dependencies: { economy: '*' },
        setup: "probe.values.fromCtx = ctx.extensions.get('economy');",
      }),
    );
    const { host } = testHost(ws);
    await host.boot();

    const economy = host.get('economy') as { balance(u: string): number };
    expect(economy.balance('ann')).toBe(3);
    expect(economy).toBe(values.fromCtx);
    expect(host.require('economy')).toBe(economy);
    expect(host.api('economy')).toBe(economy);
    expect(host.get('silent')).toBeUndefined();
    expect(host.get('ghost')).toBeUndefined();
    for (const name of ['silent', 'ghost']) {
      let error: unknown;
      try {
        host.require(name);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LoaderError);
      expect(error).toMatchObject({ code: 'ZRX_EXT_API_UNAVAILABLE', extension: name });
    }
    await host.unload('economy');
    expect(host.get('economy')).toBeUndefined();
    expect(() => host.require('economy')).toThrow(/not loaded or its setup returned no API/);
  });

  it('createContext adds host fields to ctx and afterSetup registers owned resources; a throwing afterSetup fails the load', async () => {
    ws = await workspace();
    const values = probe().values;
    await ws.write(
      'good.ts',
      extensionSource({
        name: 'good',
        extra: 'commands: ["ping"],',
        setup: 'probe.values.client = ctx.client.id;',
      }),
    );
    await ws.write('bad.ts', extensionSource({ name: 'bad', extra: 'commands: ["boom"],' }));
    const registered = new Set<string>();
    const { host } = testHost(ws, {
      createContext: (info, scope) => {
        scope.onDispose(() => registered.delete(`ctx:${info.name}`));
        registered.add(`ctx:${info.name}`);
        return { client: { id: `client-for-${info.name}` } };
      },
      afterSetup: (info, ctx) => {
        // `commands` is typed through the ExtensionDefinitionExtras augmentation in definition.test-d.ts
        const commands = info.definition.commands ?? [];
        if (commands.includes('boom')) throw new Error('command "boom" is invalid');
        for (const command of commands) registered.add(command);
        ctx.onDispose(() => {
          for (const command of commands) registered.delete(command);
        });
      },
    });
    const report = await host.boot();
    expect(report.loaded).toEqual(['good']);
    expect(values.client).toBe('client-for-good');
    expect(host.statusOf('bad')?.lastError?.message).toContain('command "boom" is invalid');
    expect([...registered].sort()).toEqual(['ctx:good', 'ping']);
    await host.unload('good');
    expect([...registered]).toEqual([]);
  });

  it('close() unloads everything dependents first, then refuses work', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write('a.ts', extensionSource({ name: 'a' }));
    await ws.write('b.ts', extensionSource({ name: 'b', dependencies: { a: '*' } }));
    const { host, bus } = testHost(ws);
    await host.boot();
    calls.length = 0;
    await host.close();
    expect(calls).toEqual(['teardown:b@1.0.0', 'teardown:a@1.0.0']);
    await expect(host.load('a')).rejects.toMatchObject({ code: 'ZRX_EXT_HOST_CLOSED' });
    await bus.drain();
  });

  it('a throwing teardown is reported, and everything is released anyway', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'messy.ts',
      extensionSource({
        name: 'messy',
        setup: "ctx.hooks.on('bot_ready', () => {});",
        teardown: "throw new Error('teardown broke');",
      }),
    );
    const { host, bus, logs } = testHost(ws);
    await host.boot();
    await host.unload('messy');
    expect(bus.hooks().filter((h) => h.owner === 'messy')).toEqual([]);
    expect(
      logs.some(
        (l) => l.code === 'ZRX_EXT_TEARDOWN_FAILED' && String(l.msg).includes('teardown broke'),
      ),
    ).toBe(true);
  });
});

describe('ExtensionHost shared modules', () => {
  it('reads a shared module defined with a getter only when extension code requires it', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write('plain/index.ts', extensionSource({ name: 'plain' }));
    let reads = 0;
    const sharedModules = { '@zoryx/loader': loader };
    Object.defineProperty(sharedModules, 'on-demand', {
      enumerable: true,
      get: () => {
        reads++;
        return { answer: 42 };
      },
    });
    const { host } = testHost(ws, { sharedModules });
    await host.boot();
    expect(reads).toBe(0);
    await ws.write(
      'user/index.ts',
      extensionSource({
        name: 'user',
        top: "import { answer } from 'on-demand';",
        setup: "probe.calls.push('answer:' + answer);",
      }),
    );
    await host.load('user');
    expect(reads).toBe(1);
    expect(calls).toContain('answer:42');
  });
});
