import { ChannelType, GatewayIntentBits } from 'discord.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;

beforeEach(async () => {
  harness = await setup();
  guild = harness.discord.createGuild({ name: 'Webhooks' });
  general = guild.createChannel({ name: 'general' });
});
afterEach(async () => {
  await teardown(harness);
});

it('creates a channel webhook and executes it without the bot token (interaction followups still work)', async () => {
  const client = await loginClient(harness, { intents: [GatewayIntentBits.Guilds] });
  const channel = await client.channels.fetch(general.id);
  if (channel?.type !== ChannelType.GuildText) return expect.fail('#general is not a text channel');
  const hook = await channel.createWebhook({ name: 'Bridge' });
  expect(hook.token).toMatch(/^[\w-]{20,}$/);
  expect((await channel.fetchWebhooks()).map((w) => w.name)).toEqual(['Bridge']);
  const sent = await hook.send({ content: 'relayed', username: 'Someone' });
  expect(sent.webhookId).toBe(hook.id);
  const stored = general.messages().at(-1);
  expect([stored?.content, stored?.author.username, stored?.webhook_id]).toEqual([
    'relayed',
    'Someone',
    hook.id,
  ]);
  const wrong = await fetch(`${harness.discord.apiUrl}/v10/webhooks/${hook.id}/not-the-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ content: 'x' }),
  });
  expect(wrong.status).toBe(404);
});
