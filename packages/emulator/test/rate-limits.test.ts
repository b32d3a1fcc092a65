import { REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index.js';
import { type Harness, loginClient, teardown } from './helpers.js';

describe('rate limits', () => {
  let h: Harness | undefined;
  afterEach(() => teardown(h));

  it('answers 429 with retry_after during a storm, and discord.js retries after it', async () => {
    h = { discord: await startEmulator(), clients: [] };
    const guild = h.discord.createGuild({ name: 'Storm' });
    const client = await loginClient(h);
    h.discord.clearRequests();
    h.discord.rateLimits.storm(3, 50);
    const roles = (await client.rest.get(Routes.guildRoles(guild.id))) as unknown[];
    expect(roles.length).toBeGreaterThan(0);
    const statuses = h.discord.requests().map((r) => r.status);
    expect(statuses).toEqual([429, 429, 429, 200]);
    expect(h.discord.requests()[0]?.response).toMatchObject({ retry_after: 0.05, global: false });
    expect(h.discord.rateLimits.stats.limited).toBe(3);
  });

  it('paces a client through per-route buckets with Discord headers', async () => {
    h = {
      discord: await startEmulator({
        rateLimits: { routes: { 'POST /guilds/:guild_id/roles': { limit: 2, windowMs: 200 } } },
      }),
      clients: [],
    };
    const guild = h.discord.createGuild({ name: 'Buckets' });
    const client = await loginClient(h);
    const g = await client.guilds.fetch(guild.id);
    await Promise.all([1, 2, 3, 4, 5].map((n) => g.roles.create({ name: `r${n}` })));
    expect(g.roles.cache.filter((r) => r.name.startsWith('r')).size).toBe(5);
    // The client waits on x-ratelimit-remaining: 0 instead of running into 429s.
    expect(
      h.discord.requests().filter((r) => r.route === '/guilds/:guild_id/roles' && r.status === 200),
    ).toHaveLength(5);
  });

  it("refuses creations over the guild's budget with a long 429", async () => {
    h = {
      discord: await startEmulator({
        rateLimits: { creationBudget: { roles: 2, channels: 10, windowMs: 48 * 3_600_000 } },
      }),
      clients: [],
    };
    const guild = h.discord.createGuild({ name: 'Budget' });
    // A client that rejects instead of waiting out a 48 h retry_after.
    const rest = new REST({ api: h.discord.apiUrl, rejectOnRateLimit: () => true }).setToken(
      h.discord.token,
    );
    await rest.post(Routes.guildRoles(guild.id), { body: { name: 'a' } });
    await rest.post(Routes.guildRoles(guild.id), { body: { name: 'b' } });
    const refused = await rest
      .post(Routes.guildRoles(guild.id), { body: { name: 'c' } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: expect.stringContaining('RateLimitError') });
    expect(h.discord.rateLimits.stats.budgetRefusals).toBe(1);
    const last = h.discord.requests().at(-1);
    expect(last?.status).toBe(429);
    expect(last?.response).toMatchObject({ retry_after: expect.any(Number) });
    expect(
      Number((last?.response as { retry_after?: number } | undefined)?.retry_after),
    ).toBeGreaterThan(3600);
  });
});
