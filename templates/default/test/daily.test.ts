import { resolve } from 'node:path';
import type { HookEvents } from '@zoryx/framework';
import { createTestBot, type TestBot, type UserHandle } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HOUR = 3_600_000;

describe('the daily extension (depends on economy)', () => {
  let t: TestBot;
  let alice: UserHandle;
  let bob: UserHandle;
  beforeAll(async () => {
    // This bot's folder as it is (config.json, extensions/, built-ins); data in a temp folder.
    t = await createTestBot({ dir: resolve(import.meta.dirname, '..') });
    alice = t.addMember('alice');
    bob = t.addMember('bob');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('boots after economy, its dependency', () => {
    const { loaded } = t.report;
    expect(loaded).toContain('economy');
    expect(loaded.indexOf('daily')).toBeGreaterThan(loaded.indexOf('economy'));
    expect(t.bot.extensions.dependentsOf('economy')).toContain('daily');
  });

  it('pays /daily through economy and emits daily_claimed', async () => {
    const claims: HookEvents['daily_claimed'][] = [];
    const off = t.bot.hooks.on('daily_claimed', (claim) => {
      claims.push(claim);
    });
    const reply = await alice.slash(t.guild, 'daily').reply();
    expect(reply.content).toBe('You claimed 100 coins (streak: 1). Balance: 100.');
    await t.bot.hooks.drain();
    off();
    expect(claims).toEqual([{ guildId: t.guild.id, userId: alice.id, amount: 100, streak: 1 }]);
    // The coins are in economy's table: /balance (economy's command) sees them.
    const balance = await alice.slash(t.guild, 'balance').reply();
    expect(balance.content).toBe('You have 100 coins (100 in circulation here).');
  });

  it('refuses a second claim within 20 h, also as !daily', async () => {
    const reply = await alice.send(t.channel, '!daily').reply();
    expect(reply.content).toMatch(/^You already claimed your daily coins\. Come back <t:\d+:R>\.$/);
  });

  it('grows the streak for claims within 48 h and resets it after', async () => {
    const daily = t.bot.extensions.require('daily');
    const start = Date.UTC(2030, 0, 1);
    expect(await daily.claim(t.guild.id, bob.id, start)).toMatchObject({ ok: true, streak: 1 });
    expect(await daily.claim(t.guild.id, bob.id, start + 21 * HOUR)).toMatchObject({
      ok: true,
      streak: 2,
      amount: 110,
      balance: 210,
    });
    expect(await daily.claim(t.guild.id, bob.id, start + 30 * HOUR)).toEqual({
      ok: false,
      nextClaimAt: start + 41 * HOUR,
    });
    expect(await daily.claim(t.guild.id, bob.id, start + 100 * HOUR)).toMatchObject({
      ok: true,
      streak: 1,
    });
  });

  it('goes when economy goes: unloading economy unloads daily first', async () => {
    await t.bot.extensions.unload('economy');
    const states = Object.fromEntries(t.bot.extensions.status().map((s) => [s.name, s.state]));
    expect(states).toMatchObject({ economy: 'unloaded', daily: 'unloaded' });
  });
});
