import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';

/** A hybrid command that sets Sapphire's own cooldown options: 1 use per minute. */
const THROTTLED = `import { Command } from '@sapphire/framework';
import { defineExtension } from '@zoryx/loader';

class DailyCommand extends Command {
  constructor(context, options) {
    super(context, { ...options, name: 'daily', description: 'Daily reward', cooldownLimit: 1, cooldownDelay: 60_000 });
  }
  registerApplicationCommands(registry) {
    registry.registerChatInputCommand((b) => b.setName('daily').setDescription('Daily reward'));
  }
  async chatInputRun(interaction) { return interaction.reply('reward'); }
  async messageRun(message) { return message.reply('reward'); }
}
export default defineExtension({ name: 'rewards', version: '1.0.0', commands: [DailyCommand] });
`;

describe("a command's own cooldownLimit/cooldownDelay", () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let owner: UserHandle;
  let alice: UserHandle;

  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/rewards/index.ts', THROTTLED);
    owner = fx.discord.createUser({ username: 'owner' });
    alice = fx.discord.createUser({ username: 'alice' });
    await fx.start({ owners: [owner.id] });
    guild = fx.discord.createGuild({ name: 'Rewards' });
    general = guild.createChannel({ name: 'general' });
    guild.addMember(owner);
    guild.addMember(alice);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it("is enforced by the framework's precondition only, so bot owners are exempt", async () => {
    expect((await owner.slash(guild, 'daily').reply()).content).toBe('reward');
    expect((await owner.slash(guild, 'daily').reply()).content).toBe('reward');
    expect((await owner.send(general, '!daily').reply()).content).toBe('reward');
    const command = fx.bot!.stores.get('commands').get('daily');
    expect(command?.preconditions.entries.map((e) => Reflect.get(e, 'name'))).not.toContain(
      'Cooldown',
    );
  });

  it("still limits everyone else, with the framework's message", async () => {
    expect((await alice.slash(guild, 'daily').reply()).content).toBe('reward');
    const limited = await alice.slash(guild, 'daily').reply();
    expect(limited.ephemeral).toBe(true);
    const text = limited.embeds[0]?.description ?? '';
    expect(text).toMatch(/`daily` is on cooldown; try again in \d+(\.\d)? s\./);
    expect(text).not.toContain('There is a cooldown in effect');
    const prefixed = await alice.send(general, '!daily').reply();
    expect(prefixed.embeds[0]?.description).toMatch(/`daily` is on cooldown/);
  });
});
