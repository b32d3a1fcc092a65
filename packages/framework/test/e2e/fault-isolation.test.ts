import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZoryxClient } from '../../src/client/zoryx-client.js';
import { FAULTS_PATH, type FaultLedger } from '../../src/faults/fault-ledger.js';
import { BotFixture } from '../helpers/bot-fixture.js';
import { CHATTY, FLOATY, NOISY, STEADY, TALLY, TIMERY } from '../helpers/fault-extensions.js';
import { collectingLogger } from '../helpers/log-lines.js';

interface LogLine {
  msg: string;
  level: number;
  code?: string;
  errorId?: string;
  extension?: string;
  fault?: string;
}

describe('one broken extension never takes the bot down', () => {
  let fx: BotFixture;
  let bot: ZoryxClient;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let owner: UserHandle;
  let alice: UserHandle;
  const { logger, lines } = collectingLogger<LogLine>();
  const config = { owners: [] as string[], extensions: { quarantine: { maxFaults: 3 } } };

  /** The fault line of `extension` logged after `from` lines (it carries an error id). */
  const faultLine = (extension: string, from: number) =>
    fx.discord.waitFor(
      () =>
        lines
          .slice(from)
          .find((l) => l.code === 'ZRX_EXTENSION_FAULT' && l.extension === extension),
      { description: `a fault line of ${extension}` },
    );

  // A new member each time: the point is the bot answering, not any per-user rate limit.
  let visitors = 0;
  /** The fault ledger once `ready` holds for it (it is written in the background). */
  const ledgerWhen = async (ready: (ledger: FaultLedger) => boolean): Promise<FaultLedger> => {
    for (let attempt = 0; ; attempt++) {
      const ledger = JSON.parse(
        await readFile(join(bot.dataDir, FAULTS_PATH), 'utf8'),
      ) as FaultLedger;
      if (ready(ledger) || attempt === 200) return ledger;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const stillServing = async () => {
    const visitor = fx.discord.createUser({ username: `visitor-${++visitors}` });
    guild.addMember(visitor);
    expect((await visitor.slash(guild, 'steady', {}, { channel: general }).reply()).content).toBe(
      'still here',
    );
  };

  beforeAll(async () => {
    fx = await BotFixture.create();
    for (const [name, source] of Object.entries({
      steady: STEADY,
      noisy: NOISY,
      floaty: FLOATY,
      timery: TIMERY,
      chatty: CHATTY,
      tally: TALLY,
    })) {
      await fx.write(`extensions/${name}/index.ts`, source);
    }
    owner = fx.discord.createUser({ username: 'owner' });
    alice = fx.discord.createUser({ username: 'alice' });
    config.owners = [owner.id];
    // The bot owns the process's error handlers here, as a started bot does by default.
    bot = await fx.start(config, logger, { handleErrors: true });
    guild = fx.discord.createGuild({ name: 'Faults' });
    general = guild.createChannel({ name: 'general' });
    guild.addMember(alice);
    guild.addMember(owner);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('a raw ctx.client listener that throws is logged with an error id and its extension', async () => {
    const from = lines.length;
    alice.send(general, 'boom');
    const line = await faultLine('noisy', from);
    expect(line.fault).toBe('listener-error');
    expect(line.errorId).toMatch(/^[0-9A-Z]{8}$/);
    expect(line.msg).toContain('"noisy"');
    await stillServing();
  });

  it('a floating rejected promise is attributed to its extension, never fatal', async () => {
    const from = lines.length;
    expect((await alice.slash(guild, 'float', {}, { channel: general }).reply()).content).toBe(
      'floating',
    );
    const line = await faultLine('floaty', from);
    expect(line.fault).toBe('unhandled-rejection');
    expect(line.errorId).toMatch(/^[0-9A-Z]{8}$/);
    await stillServing();
  });

  it('a throwing setTimeout is an attributed uncaught exception; the bot keeps serving', async () => {
    const from = lines.length;
    await alice.slash(guild, 'timer', {}, { channel: general }).reply();
    const line = await faultLine('timery', from);
    expect(line.fault).toBe('uncaught-exception');
    expect(line.errorId).toMatch(/^[0-9A-Z]{8}$/);
    await stillServing();
  });

  it("an un-awaited channel.send of 2,001 characters is the sender's fault", async () => {
    const from = lines.length;
    await alice.slash(guild, 'long', {}, { channel: general }).reply();
    const line = await faultLine('chatty', from);
    expect(line.fault).toBe('unhandled-rejection');
    await stillServing();
    // Each fault is counted in the ledger in the data folder (written in the background).
    const ledger = await ledgerWhen((l) => Object.keys(l.extensions).length === 4);
    expect(Object.keys(ledger.extensions).sort()).toEqual(['chatty', 'floaty', 'noisy', 'timery']);
    expect(ledger.extensions.chatty?.lastReason).toContain('Invalid Form Body');
    expect(ledger.extensions.chatty?.lastReason).toContain(line.errorId);
  });

  it('40 reloads of an extension with raw listeners leave the listener count unchanged', async () => {
    // Counted after one reload: tally's `once` listener from the boot already fired.
    await bot.extensions.reload('tally');
    const before = bot.listenerCount('messageCreate');
    for (let i = 0; i < 40; i++) await bot.extensions.reload('tally');
    expect(bot.listenerCount('messageCreate')).toBe(before);
    await bot.extensions.unload('tally');
    expect(bot.listenerCount('messageCreate')).toBe(before - 3);
  });

  it('repeated faults quarantine the culprit: unloaded, named in the owner DM, in status', async () => {
    // timery faulted once; two more reach maxFaults (3).
    for (let i = 0; i < 2; i++) {
      const from = lines.length;
      await alice.slash(guild, 'timer', {}, { channel: general }).reply();
      await faultLine('timery', from);
    }
    await fx.discord.waitFor(() => bot.extensions.statusOf('timery')?.state === 'quarantined', {
      description: 'timery quarantined',
    });
    const status = bot.extensions.statusOf('timery');
    expect(status?.lastError?.code).toBe('ZRX_EXT_QUARANTINED');
    expect(status?.quarantine?.reason).toMatch(/^3 faults within 10 min; last: uncaught exception/);
    const dm = await fx.discord.waitFor(() =>
      owner.dms().find((m) => m.content.includes('`timery` was quarantined')),
    );
    expect(dm.content).toContain('/extensions unquarantine:timery');
    await bot.commandService.idle();
    expect(fx.discord.commands().map((c) => c.name)).not.toContain('timer');
    await stillServing();
  });

  it('is skipped after a restart, and unquarantine brings it back', async () => {
    await fx.stopBot();
    lines.length = 0;
    bot = await fx.start(config, logger, { handleErrors: true });
    expect(bot.extensions.statusOf('timery')?.state).toBe('quarantined');
    const summary = lines.find((l) => l.msg.startsWith('extensions booted'))?.msg ?? '';
    expect(summary).toContain('1 quarantined');
    expect(summary).toContain('timery quarantined: 3 faults within 10 min');
    await stillServing();

    const status = await bot.extensions.unquarantine('timery');
    expect(status.state).toBe('loaded');
    await bot.commandService.idle();
    const from = lines.length;
    expect((await alice.slash(guild, 'timer', {}, { channel: general }).reply()).content).toBe(
      'timer set',
    );
    // The lift forgot the old faults: this /timer's is the first of a fresh count.
    await faultLine('timery', from);
    const ledger = await ledgerWhen((l) => l.extensions.timery?.total === 1);
    expect(ledger.extensions.timery?.quarantined).toBeNull();
    expect(bot.extensions.statusOf('timery')?.state).toBe('loaded');
  });
});
