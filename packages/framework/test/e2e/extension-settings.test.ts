import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreateBotOptions, SETTINGS_SECRET_MARKER } from '../../src/index.js';
import { BotFixture } from '../helpers/bot-fixture.js';

// An extension with settings: a greeting (a setup that refuses "boom"), a bounded level, a
// nested webhook with a secret, and an API key. Its API shows the ctx.config it was set up with.
const GREETER = `
import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
export default defineExtension({
  name: 'greeter',
  version: '1.0.0',
  config: z.object({
    greeting: z.string().default('Hello'),
    level: z.number().int().min(1).max(10).default(1),
    webhook: z.object({ url: z.string().url(), secret: z.string() }).optional(),
    apiKey: z.string().optional(),
  }),
  setup(ctx) {
    if (ctx.config.greeting === 'boom') throw new Error('greeting "boom" is refused');
    return { config: () => ctx.config };
  },
});
`;

const WEBHOOK_SECRET = 'whsec-do-not-leak-4242';
const API_KEY = 'ak-do-not-leak-9191';
const CONFIG = {
  logging: { file: false },
  extensions: {
    config: {
      greeter: {
        greeting: 'Hello',
        webhook: { url: 'https://hooks.example/a', secret: WEBHOOK_SECRET },
        apiKey: API_KEY,
      },
    },
  },
};

interface GreeterConfig {
  greeting: string;
  level: number;
  webhook?: { url: string; secret: string };
  apiKey?: string;
}

describe('extension settings: bot.extensions.settingsOf / configure', () => {
  let fx: BotFixture;
  let configFile: string;
  const seen = () =>
    (fx.bot?.extensions.get('greeter') as { config(): GreeterConfig } | undefined)?.config();
  // config.json is read from the file (the fixture's in-code config is replaced by `undefined`),
  // so the test can prove the framework never writes it.
  const start = () => {
    const options: Partial<CreateBotOptions> = { configPath: join(fx.dir, 'config.json') };
    Reflect.set(options, 'config', undefined);
    return fx.start({}, undefined, options);
  };

  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/greeter.ts', GREETER);
    configFile = JSON.stringify(CONFIG, null, 2);
    await fx.write('config.json', configFile);
    await start();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('settingsOf gives the JSON Schema, the effective values with secrets masked, and where secrets are', async () => {
    const settings = await fx.bot!.extensions.settingsOf('greeter');
    expect(settings.schema?.properties).toHaveProperty('greeting');
    expect(settings.schema?.properties).toHaveProperty('webhook');
    expect(settings.values).toEqual({
      greeting: 'Hello',
      level: 1,
      webhook: { url: 'https://hooks.example/a', secret: SETTINGS_SECRET_MARKER },
      apiKey: SETTINGS_SECRET_MARKER,
    });
    expect(settings.secretPaths).toEqual(['apiKey', 'webhook.secret']);
    expect(settings.overridden).toBe(false);
    expect(JSON.stringify(settings)).not.toContain(WEBHOOK_SECRET);
    expect(JSON.stringify(settings)).not.toContain(API_KEY);
    await expect(fx.bot!.extensions.settingsOf('nope')).rejects.toMatchObject({
      code: 'ZRX_EXTENSION_NO_SETTINGS',
    });
  });

  it('configure refuses invalid settings naming every bad key path, and changes nothing', async () => {
    const error = await fx
      .bot!.extensions.configure('greeter', { level: 99, webhook: { url: 'not a url' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_EXT_CONFIG_INVALID' });
    expect(String((error as Error).message)).toContain('level:');
    expect(String((error as Error).message)).toContain('webhook.url:');
    expect(seen()?.level).toBe(1);
    expect((await fx.bot!.extensions.settingsOf('greeter')).overridden).toBe(false);
    await expect(
      fx.bot!.extensions.configure('greeter', [] as unknown as Record<string, unknown>),
    ).rejects.toMatchObject({
      code: 'ZRX_EXTENSION_SETTINGS_PATCH',
    });
  });

  it('configure validates, stores and reloads: the extension sees the new config, secrets sent back as the marker are kept', async () => {
    const result = await fx.bot!.extensions.configure('greeter', {
      greeting: 'Hi',
      level: 3,
      webhook: { url: 'https://hooks.example/b', secret: SETTINGS_SECRET_MARKER },
      apiKey: SETTINGS_SECRET_MARKER,
    });
    expect(result.reloaded).toEqual(['greeter']);
    expect(result.before).toMatchObject({ greeting: 'Hello', level: 1 });
    expect(result.after).toMatchObject({
      greeting: 'Hi',
      level: 3,
      webhook: { url: 'https://hooks.example/b', secret: SETTINGS_SECRET_MARKER },
    });
    expect(JSON.stringify(result)).not.toContain(WEBHOOK_SECRET);
    expect(seen()).toEqual({
      greeting: 'Hi',
      level: 3,
      webhook: { url: 'https://hooks.example/b', secret: WEBHOOK_SECRET },
      apiKey: API_KEY,
    });
    const stored = await readFile(
      join(fx.dir, 'data', 'framework', 'extension-config.json'),
      'utf8',
    );
    expect(JSON.parse(stored).extensions.greeter).toMatchObject({ greeting: 'Hi', level: 3 });
    expect(stored).not.toContain(SETTINGS_SECRET_MARKER);
  });

  it('a change whose setup fails rolls back: previous config running, previous override stored', async () => {
    const error = await fx
      .bot!.extensions.configure('greeter', { greeting: 'boom' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ZRX_EXT_RELOAD_FAILED' });
    expect(fx.bot!.extensions.statusOf('greeter')?.state).toBe('loaded');
    expect(seen()?.greeting).toBe('Hi');
    expect((await fx.bot!.extensions.settingsOf('greeter')).values.greeting).toBe('Hi');
  });

  it('the change survives a restart, and config.json is never written', async () => {
    await fx.stopBot();
    await start();
    expect(seen()).toMatchObject({ greeting: 'Hi', level: 3, apiKey: API_KEY });
    expect((await fx.bot!.extensions.settingsOf('greeter')).overridden).toBe(true);
    expect(await readFile(join(fx.dir, 'config.json'), 'utf8')).toBe(configFile);
  });

  it('null unsets (JSON Merge Patch): a config.json value too, kept as a tombstone; a required key cannot be unset', async () => {
    const refused = await fx
      .bot!.extensions.configure('greeter', { webhook: { url: null } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ZRX_EXT_CONFIG_INVALID' });
    expect(String((refused as Error).message)).toContain('webhook.url:');
    expect(seen()?.webhook?.url).toBe('https://hooks.example/b');
    const overrideFile = join(fx.dir, 'data', 'framework', 'extension-config.json');
    expect(JSON.parse(await readFile(overrideFile, 'utf8')).extensions.greeter.webhook).toEqual({
      url: 'https://hooks.example/b',
    });

    const result = await fx.bot!.extensions.configure('greeter', { apiKey: null, level: null });
    expect(result.unset).toEqual(['apiKey', 'level']);
    expect(result.after).not.toHaveProperty('apiKey');
    expect(seen()).toEqual({
      greeting: 'Hi',
      level: 1, // back to the schema's default
      webhook: { url: 'https://hooks.example/b', secret: WEBHOOK_SECRET },
    });
    const stored = JSON.parse(await readFile(overrideFile, 'utf8'));
    expect(stored.extensions.greeter).toMatchObject({ apiKey: null, level: null });
  });

  it('an unset key stays unset after config.json is edited and the bot restarts; untouched keys follow the file', async () => {
    await fx.stopBot();
    const edited = structuredClone(CONFIG);
    edited.extensions.config.greeter.apiKey = 'ak-edited-later';
    edited.extensions.config.greeter.webhook.secret = 'whsec-edited-later';
    Object.assign(edited.extensions.config.greeter, { level: 7 });
    await fx.write('config.json', JSON.stringify(edited, null, 2));
    await start();
    // apiKey and level were unset: the file's new values do not bring them back. The webhook's
    // secret was never changed here: it follows the file.
    expect(seen()).toEqual({
      greeting: 'Hi',
      level: 1,
      webhook: { url: 'https://hooks.example/b', secret: 'whsec-edited-later' },
    });
    // Setting it again replaces the tombstone.
    await fx.bot!.extensions.configure('greeter', { apiKey: 'ak-set-again' });
    expect(seen()?.apiKey).toBe('ak-set-again');
    expect((await fx.bot!.extensions.configure('greeter', {})).unset).toEqual([]);
  });
});
