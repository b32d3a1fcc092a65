import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  extensionSource,
  probe,
  testHost,
  type Workspace,
  workspace,
} from '../test/helpers.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

describe('ExtensionHost.boot', () => {
  it('loads in dependency order, skips a conflicting one with the resolver’s reason, and reports it all', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write(
      'leveling/index.ts',
      extensionSource({ name: 'leveling', version: '1.2.0', dependencies: { economy: '^2.0.0' } }),
    );
    await ws.write('economy.ts', extensionSource({ name: 'economy', version: '2.1.0' }));
    await ws.write('rival.ts', extensionSource({ name: 'rival', conflicts: { economy: '*' } }));
    const { host, bus, events } = testHost(ws);
    const report = await host.boot();
    expect(calls).toEqual(['setup:economy@2.1.0', 'setup:leveling@1.2.0']);
    expect(report.loaded).toEqual(['economy', 'leveling']);
    expect(report.skipped).toEqual(['rival']);
    const rival = host.statusOf('rival');
    expect(rival?.state).toBe('skipped');
    expect(rival?.lastError?.message).toContain('economy');
    expect(report.summary).toMatch(/^extensions booted in .+: 2 loaded, 0 failed, 1 skipped/);
    expect(report.summary).toContain('level 1');
    expect(report.summary).toContain('economy@2.1.0');
    expect(report.summary).toContain('✖ rival@1.0.0 skipped');
    const economy = host.statusOf('economy');
    expect(economy).toMatchObject({
      name: 'economy',
      version: '2.1.0',
      state: 'loaded',
      lastError: null,
    });
    expect(economy?.loadTimeMs).toBeGreaterThan(0);
    await bus.drain();
    expect(
      events
        .filter((e) => e.event === 'extension_loaded')
        .map((e) => (e.payload as { name: string }).name)
        .sort(),
    ).toEqual(['economy', 'leveling']);
  });

  it('a failing setup fails only that extension; its dependents are skipped with the cause', async () => {
    ws = await workspace();
    probe();
    await ws.write(
      'base.ts',
      extensionSource({ name: 'base', setup: "throw new Error('db down');" }),
    );
    await ws.write('child.ts', extensionSource({ name: 'child', dependencies: { base: '*' } }));
    await ws.write(
      'grandchild.ts',
      extensionSource({ name: 'grandchild', dependencies: { child: '*' } }),
    );
    await ws.write('other.ts', extensionSource({ name: 'other' }));
    const { host } = testHost(ws);
    const report = await host.boot();
    expect(report.loaded).toEqual(['other']);
    expect(report.failed).toEqual(['base']);
    expect([...report.skipped].sort()).toEqual(['child', 'grandchild']);
    expect(host.statusOf('base')?.lastError).toMatchObject({ code: 'ZRX_EXT_SETUP_FAILED' });
    expect(host.statusOf('base')?.lastError?.message).toContain('db down');
    const child = host.statusOf('child')?.lastError;
    expect(child?.code).toBe('ZRX_EXT_DEPENDENCY_FAILED');
    expect(child?.message).toContain('dependency "base" failed');
    expect(host.statusOf('grandchild')?.lastError?.message).toContain('dependency "child"');
    expect(report.summary).toContain('✖ base@1.0.0 failed: ZRX_EXT_SETUP_FAILED');
  });

  it('a setup that never finishes times out; the others load and nothing of it stays registered', async () => {
    ws = await workspace();
    const values = probe().values;
    await ws.write(
      'slow.ts',
      extensionSource({
        name: 'slow',
        setup: `ctx.hooks.on('bot_ready', () => {});
          ctx.schedule.every('1s', () => {});
          await new Promise((r) => setTimeout(r, 600));
          try { ctx.hooks.on('guild_left', () => {}); } catch (e: any) { probe.values.late = e.code; }
          try { ctx.schedule.after('1s', () => {}); } catch (e: any) { probe.values.lateTimer = e.code; }
          await new Promise(() => {});`,
      }),
    );
    await ws.write('fast.ts', extensionSource({ name: 'fast' }));
    const { host, bus } = testHost(ws, { setupTimeoutMs: 300 });
    const report = await host.boot();
    expect(report.loaded).toEqual(['fast']);
    expect(host.statusOf('slow')?.lastError?.code).toBe('ZRX_EXT_SETUP_TIMEOUT');
    expect(bus.hooks().filter((h) => h.owner === 'slow')).toEqual([]);
    // the abandoned setup keeps running; what it registers afterwards is refused and released
    await eventually(() => values.lateTimer !== undefined);
    expect(values).toEqual({ late: 'ZRX_EXT_SCOPE_CLOSED', lateTimer: 'ZRX_EXT_SCOPE_CLOSED' });
    expect(bus.hooks().filter((h) => h.owner === 'slow')).toEqual([]);
  });

  it('compile errors, invalid definitions, invalid config and the blacklist are reported per extension', async () => {
    ws = await workspace();
    probe();
    await ws.write('syntax.ts', 'export default {');
    await ws.write('shapeless.ts', 'export default { version: 1 };');
    await ws.write(
      'configured.ts',
      extensionSource({
        name: 'configured',
        top: "const schema = { '~standard': { version: 1, vendor: 'test', validate: (v: any) => typeof v?.n === 'number' ? { value: v } : { issues: [{ message: 'n must be a number', path: ['n'] }] } } };",
        extra: 'config: schema,',
      }),
    );
    await ws.write('banned.ts', extensionSource({ name: 'banned' }));
    await ws.write('fine.ts', extensionSource({ name: 'fine' }));
    const { host } = testHost(ws, {
      blacklist: ['banned'],
      config: (name) => (name === 'configured' ? { n: 'x' } : undefined),
    });
    const report = await host.boot();
    expect(report.loaded).toEqual(['fine']);
    const code = (name: string) => host.statusOf(name)?.lastError?.code;
    expect(code('syntax')).toBe('ZRX_EXT_COMPILE');
    expect(code('shapeless')).toBe('ZRX_EXT_INVALID_DEFINITION');
    expect(code('configured')).toBe('ZRX_EXT_CONFIG_INVALID');
    expect(host.statusOf('configured')?.lastError?.message).toContain('n: n must be a number');
    expect(code('banned')).toBe('ZRX_EXT_BLACKLISTED');
    expect(host.statusOf('banned')?.state).toBe('skipped');
    expect([...report.failed].sort()).toEqual(['configured', 'shapeless', 'syntax']);
  });

  it('with dependency enforcement off, a missing dependency loads anyway with a warning', async () => {
    ws = await workspace();
    const calls = probe().calls;
    await ws.write(
      'needy.ts',
      extensionSource({ name: 'needy', dependencies: { missing: '^1.0.0' } }),
    );
    const strict = testHost(ws);
    expect((await strict.host.boot()).skipped).toEqual(['needy']);
    const relaxed = testHost(ws, { enforcement: async () => ({ dependencies: false }) });
    const report = await relaxed.host.boot();
    expect(report.loaded).toEqual(['needy']);
    expect(calls).toEqual(['setup:needy@1.0.0']);
    expect(relaxed.logs.some((l) => String(l.msg).includes('missing'))).toBe(true);
  });

  it('loads an extension published as an npm package, compiled like local ones', async () => {
    ws = await workspace();
    const calls = probe().calls;
    const pkg = join(ws.root, 'node_modules', '@acme', 'zoryx-weather');
    await mkdir(join(pkg, 'lib'), { recursive: true });
    await writeFile(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@acme/zoryx-weather', main: 'lib/index.js' }),
    );
    await writeFile(join(pkg, 'lib', 'forecast.js'), "exports.forecast = () => 'sunny';\n");
    await writeFile(
      join(pkg, 'lib', 'index.js'),
      "const { forecast } = require('./forecast');\nmodule.exports = { name: 'weather', version: '0.3.0', setup(ctx) { globalThis.__zoryx.calls.push('setup:' + ctx.name); return { forecast }; } };\n",
    );
    const { host } = testHost(ws, { packages: ['@acme/zoryx-weather'], resolveFrom: ws.root });
    const report = await host.boot();
    expect(report.loaded).toEqual(['weather']);
    expect(calls).toEqual(['setup:weather']);
    expect((host.get('weather') as { forecast(): string }).forecast()).toBe('sunny');
    expect(host.statusOf('weather')?.entry).toBe(join(pkg, 'lib', 'index.js'));
  });

  it('validated config reaches ctx.config, with the schema’s defaults', async () => {
    ws = await workspace(new URL('../.tmp', import.meta.url).pathname);
    const values = probe().values;
    await ws.write(
      'leveling.ts',
      extensionSource({
        name: 'leveling',
        top: "import { z } from 'zod';",
        extra: 'config: z.object({ xpPerMessage: z.number().default(10), bonus: z.number() }),',
        setup: 'probe.values.config = ctx.config;',
      }),
    );
    const { host } = testHost(ws, { config: () => ({ bonus: 2 }) });
    await host.boot();
    expect(values.config).toEqual({ xpPerMessage: 10, bonus: 2 });
  });
});
