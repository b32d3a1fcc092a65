import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';

// An extension that posts reminders through ctx.jobs: its job must outlive a restart, and the
// job its setup schedules on every start must stay one job.
const REMINDERS = `
import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'reminders',
  version: '1.0.0',
  async setup(ctx) {
    ctx.jobs.handle('post', async ({ payload }) => {
      const channel = await ctx.client.channels.fetch(payload.channelId);
      if (channel?.isSendable()) await channel.send(payload.text);
    });
    ctx.jobs.handle('noop', () => undefined);
    await ctx.jobs.schedule({ id: 'daily-digest', handler: 'noop', cron: '0 9 * * *' });
    return {
      later: (channelId, text, at) =>
        ctx.jobs.schedule({ id: 'remind-' + text, handler: 'post', at, payload: { channelId, text } }),
      list: () => ctx.jobs.list(),
    };
  },
});
`;

describe('persistent jobs (ctx.jobs) across a restart', () => {
  let fx: BotFixture;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/reminders.ts', REMINDERS);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('runs a reminder that fell due while the bot was down, and keeps one live scheduled job', async () => {
    const guild = fx.discord.createGuild({ name: 'Jobs' });
    const general = guild.createChannel({ name: 'general' });
    let bot = await fx.start();
    type Api = {
      later(c: string, t: string, at: number): Promise<unknown>;
      list(): Promise<{ id: string }[]>;
    };
    let api = bot.extensions.get('reminders') as Api;
    await api.later(general.id, 'stand-up', Date.now() + 400);
    await fx.stopBot();
    await new Promise((done) => setTimeout(done, 600));
    expect(general.messages().map((m) => m.content)).not.toContain('stand-up');
    bot = await fx.start();
    await vi.waitFor(() => expect(general.messages().map((m) => m.content)).toContain('stand-up'), {
      timeout: 10_000,
    });
    api = bot.extensions.get('reminders') as Api;
    await vi.waitFor(async () =>
      expect((await api.list()).map((j) => j.id)).toEqual(['daily-digest']),
    );
  });
});
