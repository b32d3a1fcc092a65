import {
  GatewayIntentBits,
  type MessageReaction,
  type PartialMessageReaction,
  Partials,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelHandle, GuildHandle, UserHandle } from '../src/index.js';
import { type Harness, loginClient, setup, teardown } from './helpers.js';

let harness: Harness;
let guild: GuildHandle;
let general: ChannelHandle;
let alice: UserHandle;

beforeEach(async () => {
  harness = await setup();
  guild = harness.discord.createGuild({ name: 'Reactions' });
  general = guild.createChannel({ name: 'general' });
  alice = harness.discord.createUser({ username: 'alice' });
  guild.addMember(alice);
});
afterEach(async () => {
  await teardown(harness);
});

const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
];

describe('reactions and user edits', () => {
  it('lets the bot react, list and clear reactions, and users react to bot messages', async () => {
    const client = await loginClient(harness, {
      intents,
      partials: [Partials.Message, Partials.Reaction],
    });
    client.on('messageCreate', async (message) => {
      if (message.content === '!poll' && message.channel.isSendable()) {
        await (await message.channel.send('Vote!')).react('👍');
      }
    });
    client.on(
      'messageReactionAdd',
      async (reaction: MessageReaction | PartialMessageReaction, user) => {
        const channel = reaction.message.channel;
        if (user.id !== client.user.id && channel.isSendable()) {
          await channel.send(`${user.username} voted ${reaction.emoji.name}`);
        }
      },
    );
    const poll = await alice.send(general, '!poll').reply();
    await harness.discord.waitFor(
      () => harness.discord.messages(general).find((m) => m.id === poll.id)?.reactions?.[0]?.me,
    );
    const vote = await alice.react(poll, '👍').reply();
    expect(vote.content).toBe('alice voted 👍');
    const stored = harness.discord.messages(general).find((m) => m.id === poll.id);
    expect(stored?.reactions?.[0]).toMatchObject({ count: 2, me: true, emoji: { name: '👍' } });
    const channel = client.channels.cache.get(general.id);
    if (!channel?.isTextBased()) throw new Error('text channel expected');
    const message = await channel.messages.fetch(poll.id);
    const users = await message.reactions.cache.get('👍')!.users.fetch();
    expect([...users.keys()].sort()).toEqual([client.user.id, alice.id].sort());
    await message.reactions.removeAll();
    expect(
      harness.discord.messages(general).find((m) => m.id === poll.id)?.reactions,
    ).toBeUndefined();
  });

  it('dispatches user edits and deletions to the bot', async () => {
    const client = await loginClient(harness, { intents });
    const updates: string[] = [];
    const deletions: string[] = [];
    client.on('messageUpdate', (_old, updated) => updates.push(updated.content ?? ''));
    client.on('messageDelete', (message) => deletions.push(message.id));
    const action = alice.send(general, 'tpyo');
    await harness.discord.waitFor(() => client.channels.cache.get(general.id));
    alice.edit(action.messageId!, 'typo fixed');
    await harness.discord.waitFor(() => updates.length === 1);
    expect(updates).toEqual(['typo fixed']);
    alice.delete(action.messageId!);
    await harness.discord.waitFor(() => deletions.length === 1);
    expect(deletions).toEqual([action.messageId]);
    expect(() => alice.edit(action.messageId!, 'again')).toThrow(/does not exist/);
  });
});
