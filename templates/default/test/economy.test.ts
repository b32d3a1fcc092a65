import { resolve } from 'node:path';
import type { HookEvents } from '@zoryx/framework';
import { createTestBot, type TestBot, type UserHandle } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EconomyApi } from '../extensions/economy/types.js';

describe('the economy extension', () => {
  let t: TestBot;
  let alice: UserHandle;
  let bob: UserHandle;
  let economy: EconomyApi;
  beforeAll(async () => {
    // This bot's folder as it is (config.json, extensions/, built-ins); data in a temp folder.
    t = await createTestBot({ dir: resolve(import.meta.dirname, '..') });
    alice = t.addMember('alice');
    bob = t.addMember('bob');
    economy = t.bot.extensions.require('economy');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /balance for a member who never had coins', async () => {
    const reply = await alice.slash(t.guild, 'balance').reply();
    expect(reply.content).toBe('You have 0 coins (0 in circulation here).');
  });

  it('keeps balances in the guild database, emits balance_changed, and counts circulation in its store', async () => {
    const changes: HookEvents['balance_changed'][] = [];
    const off = t.bot.hooks.on('balance_changed', (change) => {
      changes.push(change);
    });
    expect(await economy.deposit(t.guild.id, bob.id, 50, 'test')).toBe(50);
    expect(await economy.deposit(t.guild.id, bob.id, -20, 'test')).toBe(30);
    await t.bot.hooks.drain();
    off();
    expect(changes.map((c) => [c.userId, c.delta, c.balance])).toEqual([
      [bob.id, 50, 50],
      [bob.id, -20, 30],
    ]);
    const db = await t.bot.db.guild(t.guild.id);
    expect(
      await db.selectFrom('economy_balances').selectAll().where('user_id', '=', bob.id).execute(),
    ).toEqual([{ user_id: bob.id, amount: 30 }]);
    expect(await economy.circulation(t.guild.id)).toBe(50);
  });

  it("answers /balance user:bob with bob's balance", async () => {
    const reply = await alice.slash(t.guild, 'balance', { user: bob }).reply();
    expect(reply.content).toBe('bob has 30 coins (50 in circulation here).');
  });

  it('answers the prefix form !balance @bob', async () => {
    const reply = await alice.send(t.channel, `!balance <@${bob.id}>`).reply();
    expect(reply.content).toBe('bob has 30 coins (50 in circulation here).');
  });
});
