import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';

// The Extension API v2 sample, exactly as a bot author writes it (one import, no cast).
const GREETER = `
import { defineCommand, defineExtension } from '@zoryx/framework';

declare module '@zoryx/framework' {
  interface ExtensionApis { greeter: { greeting(name: string): string } }
  interface HookEvents { greeted: { userId: string } }
}

const greet = defineCommand({
  name: 'greet',
  description: 'Greets someone',
  options: { who: { kind: 'user', description: 'Who to greet', required: true } },
  async run(interaction, { who }, ctx) {
    const api = ctx.extensions.get('greeter');
    await ctx.hooks.emit('greeted', { userId: who.id });
    return interaction.reply(api?.greeting(who.username) ?? 'hi');
  },
});

export default defineExtension({
  name: 'greeter',
  version: '1.0.0',
  commands: [greet],
  setup: () => ({ greeting: (name: string) => \`Hello, \${name}!\` }),
});
`;

// A component, a command that sends it, and a raw Sapphire class that finds its ctx.
const POLL = `
import { Command } from '@sapphire/framework';
import { contextOf, defineCommand, defineComponent, defineExtension } from '@zoryx/framework';
import { runtimeOf } from '@zoryx/framework/internals';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';

const vote = defineComponent({
  id: 'poll-vote',
  kind: 'button',
  run: (interaction, choice, ctx) => interaction.reply(\`\${ctx.name} counted \${choice}\`),
});

const poll = defineCommand({
  name: 'poll',
  description: 'Asks a question',
  run: (interaction) =>
    interaction.reply({
      content: 'Yes or no?',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId(vote.customId('yes')).setLabel('Yes').setStyle(ButtonStyle.Primary),
        ),
      ],
    }),
});

// The framework's own extensions (the built-ins) use its internals: they must be the host's.
const hostRuntime = defineCommand({
  name: 'hostruntime',
  description: 'Finds the host runtime through the internals',
  run: (interaction, _args, ctx) =>
    interaction.reply(runtimeOf(ctx.client) ? 'the host runtime' : 'another copy'),
});

class WhoamiCommand extends Command {
  constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, { ...options, name: 'whoami', description: 'Names its extension' });
  }
  override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((b) => b.setName('whoami').setDescription('Names its extension'));
  }
  override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    return interaction.reply(\`I belong to \${contextOf(this)?.name ?? 'nobody'}\`);
  }
}

export default defineExtension({
  name: 'poll',
  version: '1.0.0',
  commands: [poll, WhoamiCommand, hostRuntime],
  components: [vote],
});
`;

describe('Extension API v2: defineCommand, defineComponent, contextOf', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let alice: UserHandle;
  let bob: UserHandle;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/greeter/index.ts', GREETER);
    await fx.write('extensions/poll/index.ts', POLL);
    guild = fx.discord.createGuild({ name: 'Test' });
    general = guild.createChannel({ name: 'general' });
    alice = fx.discord.createUser({ username: 'alice' });
    bob = fx.discord.createUser({ username: 'someone' });
    guild.addMember(alice);
    guild.addMember(bob);
    await fx.start();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('answers /greet, !greet and @Bot greet through the one run, with the extension ctx', async () => {
    const greeted: string[] = [];
    fx.bot!.hooks.on('greeted', ({ userId }) => {
      greeted.push(userId);
    });
    const slash = await alice.slash(guild, 'greet', { who: bob.id }).reply();
    expect(slash.content).toBe('Hello, someone!');
    const prefix = await alice.send(general, `!greet <@${bob.id}>`).reply();
    expect(prefix.content).toBe('Hello, someone!');
    const mention = await alice
      .send(general, `<@${fx.discord.botUserId}> greet <@${bob.id}>`)
      .reply();
    expect(mention.content).toBe('Hello, someone!');
    await fx.bot!.hooks.drain();
    expect(greeted).toEqual([bob.id, bob.id, bob.id]);
  });

  it('looks up an extension API from outside, typed', () => {
    expect(fx.bot!.extensions.get('greeter')?.greeting('x')).toBe('Hello, x!');
  });

  it('routes a component to its extension, with the data after the id', async () => {
    const question = await alice.slash(guild, 'poll').reply();
    const answer = await alice.clickButton(question, 'poll-vote:yes').reply();
    expect(answer.content).toBe('poll counted yes');
  });

  it('gives raw Sapphire pieces their extension context through contextOf', async () => {
    const reply = await alice.slash(guild, 'whoami').reply();
    expect(reply.content).toBe('I belong to poll');
  });

  it("gives extension code the host's @zoryx/framework/internals, not a second copy", async () => {
    const reply = await alice.slash(guild, 'hostruntime').reply();
    expect(reply.content).toBe('the host runtime');
  });

  it('releases the component with its extension', async () => {
    const question = await alice.slash(guild, 'poll').reply();
    await fx.bot!.extensions.unload('poll');
    const handlers = fx.bot!.stores.get('interaction-handlers');
    expect([...handlers.keys()]).not.toContain('component-poll-vote');
    expect(question.content).toBe('Yes or no?');
  });
});
