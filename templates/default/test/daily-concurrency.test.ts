import { resolve } from 'node:path';
import type { HookEvents } from '@zoryx/framework';
import { createTestBot, type TestBot } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLAIMED = 'You claimed 100 coins (streak: 1). Balance: 100.';
const REFUSED = /^You already claimed your daily coins\. Come back <t:\d+:R>\.$/;

// A claim used to read the last claim, then write: a /daily and a !daily sent together both saw
// "not claimed yet" and both paid. Each test uses a member who never claimed.
describe('concurrent daily claims pay once', () => {
  let t: TestBot;
  const claims: HookEvents['daily_claimed'][] = [];
  beforeAll(async () => {
    t = await createTestBot({ dir: resolve(import.meta.dirname, '..') });
    t.bot.hooks.on('daily_claimed', (claim) => {
      claims.push(claim);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a /daily and a !daily sent at once: one claims, the other is refused', async () => {
    const slash = t.member.slash(t.guild, 'daily');
    const prefix = t.member.send(t.channel, '!daily');
    const replies = (await Promise.all([slash.reply(), prefix.reply()])).map((r) => r.content);
    expect(replies.filter((text) => text === CLAIMED)).toHaveLength(1);
    expect(replies.filter((text) => REFUSED.test(text))).toHaveLength(1);
    expect(await t.bot.extensions.require('economy').balanceOf(t.guild.id, t.member.id)).toBe(100);
    await t.bot.hooks.drain();
    expect(claims.filter((c) => c.userId === t.member.id)).toHaveLength(1);
  });

  it('through the API too: of claims started together, exactly one pays', async () => {
    const daily = t.bot.extensions.require('daily');
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => daily.claim(t.guild.id, t.admin.id, now)),
    );
    expect(results.filter((r) => r.ok)).toEqual([
      { ok: true, amount: 100, streak: 1, balance: 100 },
    ]);
    expect(results.filter((r) => !r.ok)).toHaveLength(4);
    expect(await t.bot.extensions.require('economy').balanceOf(t.guild.id, t.admin.id)).toBe(100);
  });
});
