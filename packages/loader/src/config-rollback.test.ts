import { afterEach, describe, expect, it } from 'vitest';
import { extensionSource, probe, testHost, type Workspace, workspace } from '../test/helpers.js';
import { LoaderError } from './errors.js';

let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.cleanup();
  ws = undefined;
});

// A hand-written Standard Schema (no zod in the temporary workspace): `level` must be a number.
const levelSchema = `config: {
    '~standard': {
      version: 1,
      vendor: 'test',
      validate: (input: any) =>
        typeof input.level === 'number'
          ? { value: { level: input.level } }
          : { issues: [{ message: 'expected a number', path: ['level'] }] },
    },
  },`;

async function levelled(w: Workspace): Promise<void> {
  await w.write(
    'levels.ts',
    extensionSource({
      name: 'levels',
      extra: levelSchema,
      setup: `if (ctx.config.level > 9) throw new Error('level too high');
    probe.values.level = ctx.config.level;`,
    }),
  );
}

describe('extension config seam', () => {
  it('exposes the config schema and validates input with it, naming the bad key path', async () => {
    ws = await workspace();
    probe();
    await levelled(ws);
    const { host } = testHost(ws, { config: () => ({ level: 1 }) });
    await host.boot();
    expect(host.configSchemaOf('levels')?.['~standard'].vendor).toBe('test');
    expect(await host.validateConfigOf('levels', { level: 3 })).toEqual({ level: 3 });
    const error = await host.validateConfigOf('levels', { level: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoaderError);
    expect((error as LoaderError).code).toBe('ZRX_EXT_CONFIG_INVALID');
    expect((error as LoaderError).message).toContain('level: expected a number');
    expect(host.configSchemaOf('unknown')).toBeUndefined();
    await host.close();
  });

  it('a reload whose new config breaks setup rolls back with the config the old version ran with', async () => {
    ws = await workspace();
    const state = probe();
    await levelled(ws);
    let input: unknown = { level: 2 };
    const { host } = testHost(ws, { config: () => input });
    await host.boot();
    expect(state.values.level).toBe(2);
    input = { level: 5 };
    expect(await host.reload('levels')).toEqual(['levels']);
    expect(state.values.level).toBe(5);
    input = { level: 42 };
    const error = await host.reload('levels').catch((e: unknown) => e);
    expect((error as LoaderError).code).toBe('ZRX_EXT_RELOAD_FAILED');
    expect(host.statusOf('levels')?.state).toBe('loaded');
    // Restored with level 5, although the host's config function now answers 42.
    expect(state.values.level).toBe(5);
    await host.close();
  });
});
