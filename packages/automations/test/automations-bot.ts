import { join, resolve } from 'node:path';
import { type CreateTestBotOptions, createTestBot, type TestBot } from '@zoryx/testing';
import { GatewayIntentBits, IntentsBitField } from 'discord.js';
import type { AutomationsApi } from '../src/index.js';

/** This package's TypeScript entry. */
const ENTRY = resolve(import.meta.dirname, '..', 'src', 'index.ts');

/**
 * `createTestBot` with the automations extension loaded from source through a one-line extension
 * file (the loader path an npm-package extension takes). The framework does not ask for the
 * voice-state, reaction and AutoMod-execution intents yet, so the test client adds them before it logs in.
 */
export async function startAutomationsBot(
  options: CreateTestBotOptions = {},
): Promise<TestBot & { api(): AutomationsApi }> {
  const t = await createTestBot({
    ...options,
    files: {
      'extensions/automations.ts': `export { default } from ${JSON.stringify(ENTRY)};\n`,
      ...options.files,
    },
    setup: async (bot) => {
      // discord.js freezes the intents; the client reads them again when it logs in.
      bot.options.intents = new IntentsBitField(bot.options.intents).add(
        GatewayIntentBits.GuildVoiceStates,
        GatewayIntentBits.GuildMessageReactions,
        GatewayIntentBits.AutoModerationExecution,
      );
      await options.setup?.(bot);
    },
  });
  return Object.assign(t, { api: () => t.bot.extensions.require('automations') });
}

export { join };
