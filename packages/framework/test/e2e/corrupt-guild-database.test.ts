import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelHandle, GuildHandle, UserHandle } from '@zoryx/emulator';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuildDatabaseCorruptPayload } from '../../src/events/framework-events.js';
import { BotFixture } from '../helpers/bot-fixture.js';
import { hybridExtension } from '../helpers/extension-sources.js';

interface LogLine {
  level: number;
  msg: string;
  code?: string;
  guildId?: string;
  keptAt?: string;
  outcome?: string;
}

describe('a damaged guild database is kept, restored and reported', () => {
  let fx: BotFixture;
  let guild: GuildHandle;
  let general: ChannelHandle;
  let owner: UserHandle;
  let member: UserHandle;
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });

  beforeAll(async () => {
    fx = await BotFixture.create();
    owner = fx.discord.createUser({ username: 'owner' });
    member = fx.discord.createUser({ username: 'member' });
    await fx.write(
      'extensions/pinger/index.ts',
      hybridExtension({ name: 'pinger', command: 'ping', reply: 'pong' }),
    );
    const bot = await fx.start({ owners: [owner.id] }, logger);
    guild = fx.discord.createGuild({ name: 'Precious' });
    general = guild.createChannel({ name: 'general' });
    guild.addMember(owner);
    guild.addMember(member);
    await bot.settings(guild.id).set('prefix', '?');
    expect((await member.send(general, '?ping').reply()).content).toBe('pong');
    await bot.db.backup(guild.id);
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('a 0-byte guild database comes back from its backup; the owner, the log and the hooks hear of it', async () => {
    await fx.stopBot();
    const file = join(fx.dir, 'data', 'db', 'guilds', `${guild.id}.db`);
    writeFileSync(file, '');
    const bot = await fx.start({ owners: [owner.id] }, logger);
    expect(readFileSync(file).length).toBe(0); // nothing opened it yet
    const events: GuildDatabaseCorruptPayload[] = [];
    bot.hooks.on('guild_database_corrupt', (payload) => {
      events.push(payload);
    });

    // The guild's prefix lives in its database: answering `?ping` needs the restored copy.
    expect((await member.send(general, '?ping').reply()).content).toBe('pong');

    const [event] = await fx.discord.waitFor(() => (events.length > 0 ? events : undefined));
    expect(event).toMatchObject({ guildId: guild.id, file, problem: 'empty', outcome: 'restored' });
    expect(event?.keptAt).toMatch(/\.db\.corrupt-\d{8}T\d{9}Z$/);
    expect(readFileSync(event!.keptAt).length).toBe(0);
    expect(existsSync(event!.backup!)).toBe(true);

    const logged = lines.find((line) => line.code === 'ZRX_DB_CORRUPT');
    expect(logged).toMatchObject({ level: 50, guildId: guild.id, keptAt: event?.keptAt });
    expect(logged?.msg).toContain(event!.keptAt);

    const dm = await fx.discord.waitFor(() => owner.dms().find((m) => m.content.includes('⚠️')));
    expect(dm.content).toContain('Precious');
    expect(dm.content).toContain(event!.keptAt);
    expect(dm.content).toContain('restored from the backup');
    // The request log records a call once it is answered: wait for it, not for the message.
    const sent = await fx.discord.waitFor(() =>
      fx.discord
        .requests()
        .find(
          (r) => r.method === 'POST' && (r.body as { content?: string })?.content === dm.content,
        ),
    );
    expect((sent.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: false,
    });
  });
});
