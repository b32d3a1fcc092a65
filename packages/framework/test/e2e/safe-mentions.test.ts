import type { ChannelHandle, GuildHandle, RequestRecord, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';

// Commands that echo user text the ways extensions do: through the framework's interaction
// (slash, and the message-backed stand-in for !say / @Bot say), through raw discord.js calls,
// an opt-in per message, and a failure whose error reply the framework writes.
const ECHO = `
import { Command } from '@sapphire/framework';
import { defineCommand, defineExtension } from '@zoryx/framework';

const say = defineCommand({
  name: 'say',
  description: 'Repeats the text',
  options: { text: { kind: 'string', description: 'What to say', required: true } },
  run: (interaction, { text }) => interaction.reply(text),
});

const shout = defineCommand({
  name: 'shout',
  description: 'Repeats the text and lets it ping',
  options: { text: { kind: 'string', description: 'What to shout', required: true } },
  run: (interaction, { text }) =>
    interaction.reply({ content: text, allowedMentions: { parse: ['everyone', 'roles', 'users'] } }),
});

const fail = defineCommand({
  name: 'fail',
  description: 'Throws',
  options: { text: { kind: 'string', description: 'Anything', required: true } },
  run: () => { throw new Error('boom'); },
});

class RawSayCommand extends Command {
  constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'rawsay', description: 'Repeats with discord.js calls' });
  }
  override async messageRun(message: Parameters<NonNullable<Command['messageRun']>>[0]) {
    const text = message.content.slice('!rawsay '.length);
    await message.reply(text);
    if ('send' in message.channel) await message.channel.send('again: ' + text);
  }
}

export default defineExtension({
  name: 'echo',
  version: '1.0.0',
  commands: [say, shout, fail, RawSayCommand],
});
`;

interface Sent {
  content: string;
  allowed: Record<string, unknown> | undefined;
  reply: boolean;
}

/** The bot's message posts and interaction replies, with the allowed_mentions it sent. */
function sent(requests: readonly RequestRecord[]): Sent[] {
  const out: Sent[] = [];
  for (const request of requests) {
    if (request.method !== 'POST' && request.method !== 'PATCH') continue;
    const body = request.body as Record<string, unknown> | undefined;
    if (!body) continue;
    const data = (request.route.endsWith('/callback') ? body.data : body) as
      | Record<string, unknown>
      | undefined;
    if (!data || (data.content === undefined && data.embeds === undefined)) continue;
    const embeds = (data.embeds ?? []) as { description?: string }[];
    out.push({
      content: String(data.content ?? embeds.map((e) => e.description ?? '').join('\n')),
      allowed: data.allowed_mentions as Record<string, unknown> | undefined,
      reply: data.message_reference !== undefined,
    });
  }
  return out;
}

describe('mentions are safe by default', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let alice: UserHandle;
  let bob: UserHandle;
  let pings: string;

  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/echo/index.ts', ECHO);
    await fx.start();
    guild = fx.discord.createGuild({ name: 'Mentions' });
    general = guild.createChannel({ name: 'general' });
    alice = fx.discord.createUser({ username: 'alice' });
    bob = fx.discord.createUser({ username: 'bob' });
    guild.addMember(alice);
    guild.addMember(bob);
    const role = guild.createRole({ name: 'mods' });
    pings = `@everyone @here <@&${role.id}> <@${bob.id}>`;
  });
  afterAll(async () => {
    await fx?.close();
  });

  /**
   * What the bot sent while `act` ran: `count` messages. The request log records a call once it
   * is answered, which can be after the message itself is visible, so wait for the records.
   */
  async function during(act: () => Promise<unknown>, count = 1): Promise<Sent[]> {
    fx.discord.clearRequests();
    await act();
    return fx.discord.waitFor(() => {
      const out = sent(fx.discord.requests());
      return out.length >= count ? out : undefined;
    });
  }

  it('a slash reply echoing @everyone, a role and a user pings nobody', async () => {
    const out = await during(() => alice.slash(guild, 'say', { text: pings }).reply());
    expect(out).toEqual([
      { content: pings, allowed: { parse: [], replied_user: true }, reply: false },
    ]);
  });

  it('the prefix and mention routes (the message-backed interaction) ping nobody, not even the author', async () => {
    for (const invocation of [`!say ${pings}`, `<@${fx.discord.botUserId}> say ${pings}`]) {
      const out = await during(() => alice.send(general, invocation).reply());
      expect(out).toEqual([
        { content: pings, allowed: { parse: [], replied_user: false }, reply: true },
      ]);
    }
  });

  it("raw discord.js sends get the client's default: only the replied-to author is pinged", async () => {
    const out = await during(() => alice.send(general, `!rawsay ${pings}`).replies(2), 2);
    expect(out).toEqual([
      { content: pings, allowed: { parse: [], replied_user: true }, reply: true },
      { content: `again: ${pings}`, allowed: { parse: [], replied_user: true }, reply: false },
    ]);
  });

  it('a message that opts in pings what it allows', async () => {
    const slash = await during(() => alice.slash(guild, 'shout', { text: pings }).reply());
    const prefix = await during(() => alice.send(general, `!shout ${pings}`).reply());
    for (const out of [slash, prefix]) {
      expect(out).toHaveLength(1);
      expect(out[0]?.allowed).toEqual({ parse: ['everyone', 'roles', 'users'] });
    }
  });

  it("the framework's own replies (errors, usage help) ping nobody", async () => {
    const error = await during(() => alice.send(general, `!fail ${pings}`).reply());
    const usage = await during(() => alice.send(general, '!say').reply());
    const slashError = await during(() => alice.slash(guild, 'fail', { text: pings }).reply());
    for (const out of [error, usage]) {
      expect(out).toHaveLength(1);
      expect(out[0]?.allowed).toEqual({ parse: [], replied_user: false });
    }
    expect(slashError[0]?.allowed).toEqual({ parse: [], replied_user: false });
    expect(error[0]?.content).toContain('Error id');
    expect(usage[0]?.content).toContain('Usage');
  });
});
