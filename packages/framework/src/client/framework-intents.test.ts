import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_INTENTS } from './framework-intents.js';

// The list is written as numbers (no discord.js import at run time): each must be the intent its
// comment names, or a supervised bot would identify with other intents than its worker's client.
describe('FRAMEWORK_INTENTS', () => {
  it("holds discord.js's values of the intents the framework connects with", () => {
    expect(FRAMEWORK_INTENTS).toEqual([
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMembers,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.GuildVoiceStates,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.AutoModerationExecution,
    ]);
  });
});
