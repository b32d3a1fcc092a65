import { describe, expect, it } from 'vitest';

// The main entry is what a bot author needs and no more; internals live at
// `@zoryx/framework/internals`. Adding a name here is a deliberate API decision.
describe('the public face of @zoryx/framework', () => {
  it('exports at most 30 runtime names, exactly these', async () => {
    const names = Object.keys(await import('./index.js')).sort();
    expect(names.length).toBeLessThanOrEqual(30);
    expect(names).toEqual([
      'FrameworkError',
      'ReplyColor',
      'SETTINGS_SECRET_MARKER',
      'ZoryxClient',
      'commandMeta',
      'contextOf',
      'createBot',
      'createLogger',
      'defaultConfig',
      'defineCommand',
      'defineComponent',
      'defineExtension',
      'isBotOwner',
      'isGuildOwnerOrBotOwner',
      'loadConfig',
      'replyEmbed',
      'usageOf',
    ]);
  });

  it('keeps the internals reachable on their own subpath', async () => {
    const internals = await import('./internals.js');
    expect(typeof internals.runtimeOf).toBe('function');
    expect(typeof internals.createErrorId).toBe('function');
    expect('runtimeOf' in (await import('./index.js'))).toBe(false);
  });
});
