import { DEFAULT_INTENTS } from '@zoryx/supervisor';
import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { readBotSettings } from './bot-settings.js';

describe('the intents a supervised bot identifies with', () => {
  it('are the framework set, which the supervisor also uses by default', async () => {
    const settings = await readBotSettings({ cwd: process.cwd(), config: {}, env: {} });
    expect(settings.intents).toBe(DEFAULT_INTENTS);
    // Extensions (automations' voice log, reaction roles, AutoMod bridge) need these at IDENTIFY.
    for (const intent of [
      GatewayIntentBits.GuildVoiceStates,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.AutoModerationExecution,
    ])
      expect(settings.intents & intent).toBe(intent);
  });
});
