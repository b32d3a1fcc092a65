import { resolve } from 'node:path';
import { createTestBot, type TestBot, type UserHandle } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pongText } from '../extensions/ping/pong.js';

describe('ping', () => {
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

  it('is registered as a slash command with the extensions’ commands', () => {
    const names = t.discord.commands().map((c) => c.name);
    // …and the built-in core extension's (help, stats, …), loaded from @zoryx/builtins/core.
    expect(names).toEqual(expect.arrayContaining(['ping', 'balance', 'daily', 'help', 'stats']));
  });

  it('loads every built-in extension listed in config.json', () => {
    const builtins = ['core', 'registry', 'hooks', 'diagnostics', 'limits'];
    expect(t.report.failed).toEqual([]);
    expect(t.report.skipped).toEqual([]);
    expect(t.report.loaded).toEqual(
      expect.arrayContaining(['ping', 'economy', 'daily', ...builtins]),
    );
    for (const name of builtins) expect(t.bot.extensions.statusOf(name)?.state).toBe('loaded');
  });

  it('answers the commands of the registry and limits built-ins', async () => {
    const limits = await alice.slash(t.guild, 'slashlimit').reply();
    expect(limits.embeds[0]?.title).toBe('Slash command limit');
    const registry = await bob.slash(t.guild, 'pr_list').reply();
    // Counted, not written down: the test keeps passing as extensions are added to this bot.
    const total = t.bot.extensions.status().length;
    const loaded = t.bot.extensions.status().filter((s) => s.state === 'loaded').length;
    expect(registry.embeds[0]?.description).toBe(`${total} extensions, ${loaded} loaded`);
  });

  it('answers /ping with Pong! and the latency', async () => {
    const reply = await alice.slash(t.guild, 'ping').reply();
    expect(reply.content).toMatch(/^Pong! \d+ ms( \(gateway \d+ ms\))?$/);
  });

  it('answers !ping in a channel', async () => {
    const reply = await alice.send(t.channel, '!ping').reply();
    expect(reply.content).toMatch(/^Pong! \d+ ms( \(gateway \d+ ms\))?$/);
  });

  it('has the built-in help (from config.json extensions.packages)', async () => {
    const reply = await alice.slash(t.guild, 'help').reply();
    expect(reply.embeds.length + reply.components.length).toBeGreaterThan(0);
  });

  it('formats the latency', () => {
    expect(pongText(12.4, -1)).toBe('Pong! 12 ms');
    expect(pongText(-3, 41)).toBe('Pong! 0 ms (gateway 41 ms)');
  });
});
