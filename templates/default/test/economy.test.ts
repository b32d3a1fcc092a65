import type { HookEvents } from '@zoryx/framework';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EconomyApi } from '../extensions/economy/types.js';
import { startTestBot, type TestBot } from './test-bot.js';

describe('the economy extension', () => {
  let t: TestBot;
  let economy: EconomyApi;
  beforeAll(async () => {
    t = await startTestBot();
    economy = t.bot.extensions.require('economy');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /balance for a member who never had coins', async () => {
    const reply = await t.alice.slash(t.guild, 'balance').reply();
    expect(reply.content).toBe('You have 0 coins (0 in circulation here).');
  });

  it('keeps balances in the guild database, emits balance_changed, and counts circulation in its store', async () => {
    const changes: HookEvents['balance_changed'][] = [];
    const off = t.bot.hooks.on('balance_changed', (change) => {
      changes.push(change);
    });
    expect(await economy.deposit(t.guild.id, t.bob.id, 50, 'test')).toBe(50);
    expect(await economy.deposit(t.guild.id, t.bob.id, -20, 'test')).toBe(30);
    await t.bot.hooks.drain();
    off();
    expect(changes.map((c) => [c.userId, c.delta, c.balance])).toEqual([
      [t.bob.id, 50, 50],
      [t.bob.id, -20, 30],
    ]);
    const db = await t.bot.db.guild(t.guild.id);
    expect(
      await db.selectFrom('economy_balances').selectAll().where('user_id', '=', t.bob.id).execute(),
    ).toEqual([{ user_id: t.bob.id, amount: 30 }]);
    expect(await economy.circulation(t.guild.id)).toBe(50);
  });

  it("answers /balance user:bob with bob's balance", async () => {
    const reply = await t.alice.slash(t.guild, 'balance', { user: t.bob }).reply();
    expect(reply.content).toBe('bob has 30 coins (50 in circulation here).');
  });

  it('answers the prefix form !balance @bob', async () => {
    const reply = await t.alice.send(t.general, `!balance <@${t.bob.id}>`).reply();
    expect(reply.content).toBe('bob has 30 coins (50 in circulation here).');
  });
});
