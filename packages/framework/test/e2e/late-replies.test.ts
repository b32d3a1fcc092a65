import type { GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { collectingLogger } from '../helpers/log-lines.js';

// A command that answers after Discord's acknowledgement window (shortened to 150 ms here; 3 s on
// Discord): the reply fails with 10062 Unknown interaction. The framework must not send a second,
// equally doomed error reply (a busy bot would double its requests exactly when it is late) and
// must log one warning with an error id instead of an error with a stack.
const SLOW = `
import { defineCommand, defineExtension } from '@zoryx/framework';

const slow = defineCommand({
  name: 'slow',
  description: 'Answers after the acknowledgement window',
  run: async (interaction) => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await interaction.reply('late');
  },
});

export default defineExtension({ name: 'slowpoke', version: '1.0.0', commands: [slow] });
`;

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  errorId?: string;
  err?: unknown;
}

describe('a reply later than the interaction window', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let alice: UserHandle;
  const { logger, lines } = collectingLogger<LogLine>();

  beforeAll(async () => {
    fx = await BotFixture.create({ interactionAckTimeout: 150 });
    await fx.write('extensions/slowpoke/index.ts', SLOW);
    guild = fx.discord.createGuild({ name: 'Late' });
    guild.createChannel({ name: 'general' });
    alice = fx.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    await fx.start({}, logger);
  }, 120_000);

  afterAll(async () => {
    await fx?.close();
  });

  it('logs one warning with an error id and sends no second reply', async () => {
    fx.discord.clearRequests();
    const interaction = alice.slash(guild, 'slow');
    const warning = await fx.discord.waitFor(
      () => lines.find((l) => l.code === 'ZRX_COMMAND_REPLY_EXPIRED'),
      { description: 'the late-reply warning', timeout: 10_000 },
    );
    expect(warning.level).toBe(40);
    expect(warning.errorId).toMatch(/\w+/);
    expect(warning.msg).toContain('slow');
    expect(warning.err).toBeUndefined();
    expect(lines.some((l) => l.code === 'ZRX_COMMAND_FAILED')).toBe(false);
    // Only the command's own (refused) callback: no error reply, no follow-up.
    const answers = fx.discord
      .requests()
      .filter((r) => r.route.includes('/interactions/') || r.route.includes('/webhooks/'));
    expect(answers.map((r) => [r.method, r.status])).toEqual([['POST', 404]]);
    await expect(interaction.reply({ timeout: 200 })).rejects.toThrow();
  });
});
