import type { Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.js';
import { createPrefixResolver } from './prefixes.js';

const BOT = '999999999999999999';
const message = (guildId: string | null) => ({ guildId }) as Message;

describe('createPrefixResolver', () => {
  const config = () => defaultConfig();

  it('uses the config prefix and mention prefix in DMs', async () => {
    const resolve = createPrefixResolver(config, undefined, () => BOT);
    expect(await resolve(message(null))).toEqual(['!', `<@${BOT}>`, `<@!${BOT}>`]);
  });

  it('uses the guild prefix and honours a guild that switched mentions off', async () => {
    const resolve = createPrefixResolver(
      config,
      { prefix: async () => '?', mentionPrefix: async (id) => id !== '1' },
      () => BOT,
    );
    expect(await resolve(message('1'))).toEqual(['?']);
    expect(await resolve(message('2'))).toEqual(['?', `<@${BOT}>`, `<@!${BOT}>`]);
  });

  it('falls back to the defaults when the guild settings cannot be read', async () => {
    const broken = async () => {
      throw new Error('corrupt database');
    };
    const resolve = createPrefixResolver(
      config,
      { prefix: broken, mentionPrefix: broken },
      () => BOT,
    );
    expect(await resolve(message('1'))).toEqual(['!', `<@${BOT}>`, `<@!${BOT}>`]);
  });

  it('omits the mention prefix until the bot id is known, or when disabled globally', async () => {
    expect(await createPrefixResolver(config, undefined, () => null)(message(null))).toEqual(['!']);
    const off = () => ({ ...defaultConfig(), mentionPrefix: false });
    expect(await createPrefixResolver(off, undefined, () => BOT)(message(null))).toEqual(['!']);
  });
});
