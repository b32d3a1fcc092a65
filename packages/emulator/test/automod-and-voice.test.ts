import {
  AutoModerationActionType,
  AutoModerationRuleEventType,
  AutoModerationRuleTriggerType,
  ChannelType,
  DiscordAPIError,
  GatewayIntentBits,
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
  guild = harness.discord.createGuild({ name: 'AutoMod' });
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
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.AutoModerationConfiguration,
  GatewayIntentBits.AutoModerationExecution,
];

describe('AutoMod', () => {
  it('creates, lists, modifies and deletes rules with their gateway events', async () => {
    const client = await loginClient(harness, { intents });
    const created: string[] = [];
    client.on('autoModerationRuleCreate', (rule) => created.push(rule.name));
    const deleted: string[] = [];
    client.on('autoModerationRuleDelete', (rule) => deleted.push(rule.id));
    const g = await client.guilds.fetch(guild.id);
    const rule = await g.autoModerationRules.create({
      name: 'no darn',
      eventType: AutoModerationRuleEventType.MessageSend,
      triggerType: AutoModerationRuleTriggerType.Keyword,
      triggerMetadata: { keywordFilter: ['darn'] },
      actions: [{ type: AutoModerationActionType.BlockMessage }],
      enabled: true,
    });
    expect(rule.triggerMetadata.keywordFilter).toEqual(['darn']);
    await harness.discord.waitFor(() => created.includes('no darn'));
    const edited = await rule.edit({ name: 'no darn (edited)' });
    expect(edited.name).toBe('no darn (edited)');
    expect((await g.autoModerationRules.fetch()).map((r) => r.name)).toEqual(['no darn (edited)']);
    await rule.delete();
    await harness.discord.waitFor(() => deleted.includes(rule.id));
    expect((await g.autoModerationRules.fetch()).size).toBe(0);
  });

  it('answers 50035 naming the fields of a bad rule, and enforces the per-type limits', async () => {
    const client = await loginClient(harness, { intents });
    const g = await client.guilds.fetch(guild.id);
    const error = await g.autoModerationRules
      .create({
        name: '',
        eventType: 1,
        triggerType: AutoModerationRuleTriggerType.Keyword,
        triggerMetadata: {},
        actions: [],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      code: 50035,
      rawError: {
        errors: {
          name: expect.anything(),
          actions: expect.anything(),
          trigger_metadata: expect.anything(),
        },
      },
    });
    const spam = {
      name: 'mentions',
      eventType: 1,
      triggerType: AutoModerationRuleTriggerType.MentionSpam,
      triggerMetadata: { mentionTotalLimit: 3 },
      actions: [{ type: AutoModerationActionType.BlockMessage }],
    };
    await g.autoModerationRules.create(spam);
    await expect(g.autoModerationRules.create(spam)).rejects.toMatchObject({
      code: 50035,
      rawError: {
        errors: {
          trigger_type: { _errors: [{ code: 'AUTO_MODERATION_MAX_RULES_OF_TYPE_EXCEEDED' }] },
        },
      },
    });
  });

  it('blocks user messages that match (whole-word keyword, regex, mention spam) and reports the execution', async () => {
    const client = await loginClient(harness, { intents });
    const executions: string[] = [];
    client.on('autoModerationActionExecution', (execution) =>
      executions.push(`${execution.action.type}:${execution.matchedKeyword ?? '-'}`),
    );
    const g = await client.guilds.fetch(guild.id);
    const log = guild.createChannel({ name: 'mod-log' });
    await g.autoModerationRules.create({
      name: 'words',
      eventType: 1,
      triggerType: AutoModerationRuleTriggerType.Keyword,
      triggerMetadata: { keywordFilter: ['darn'], regexPatterns: ['fr[e3]+'] },
      actions: [
        { type: AutoModerationActionType.BlockMessage },
        { type: AutoModerationActionType.SendAlertMessage, metadata: { channel: log.id } },
      ],
      enabled: true,
    });
    await g.autoModerationRules.create({
      name: 'mentions',
      eventType: 1,
      triggerType: AutoModerationRuleTriggerType.MentionSpam,
      triggerMetadata: { mentionTotalLimit: 2 },
      actions: [{ type: AutoModerationActionType.BlockMessage }],
      enabled: true,
    });
    alice.send(general, 'the darnedest thing');
    alice.send(general, 'oh DARN it');
    alice.send(general, 'free stuff');
    alice.send(general, '<@1> <@2> <@3>');
    const contents = general.messages().map((m) => m.content);
    expect(contents).toEqual(['the darnedest thing']);
    expect(log.messages()).toHaveLength(2);
    await harness.discord.waitFor(() => executions.length === 5);
    expect(executions.sort()).toEqual(['1:-', '1:darn', '1:fr[e3]+', '2:darn', '2:fr[e3]+']);
  });
});

describe('voice states', () => {
  it('dispatches joins and leaves, sends them in GUILD_CREATE, and lets the bot move members', async () => {
    const hub = guild.createChannel({ name: 'Hub', type: ChannelType.GuildVoice });
    const room = guild.createChannel({ name: 'Room', type: ChannelType.GuildVoice });
    guild.joinVoice(alice, hub);
    const client = await loginClient(harness, { intents });
    const g = await client.guilds.fetch(guild.id);
    expect(g.voiceStates.cache.get(alice.id)?.channelId).toBe(hub.id);
    const member = await g.members.fetch(alice.id);
    await member.voice.setChannel(room.id);
    expect(guild.voiceChannelOf(alice)).toBe(room.id);
    await harness.discord.waitFor(() => g.voiceStates.cache.get(alice.id)?.channelId === room.id);
    guild.leaveVoice(alice);
    await harness.discord.waitFor(() => g.voiceStates.cache.get(alice.id)?.channelId === null);
    await expect(member.voice.setChannel(hub.id)).rejects.toMatchObject({ code: 40032 });
  });
});
