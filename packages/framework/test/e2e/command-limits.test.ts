import type { Route } from '@zoryx/slash-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotFixture } from '../helpers/bot-fixture.js';
import { manyCommandsExtension } from '../helpers/extension-sources.js';

function invocation(name: string, route: Route | undefined): string {
  if (!route || route.kind === 'top-level') return name;
  if (route.kind !== 'folded') throw new Error(`${name} is ${route.kind}`);
  return 'subcommand' in route
    ? [route.root, 'group' in route ? route.group : undefined, route.subcommand]
        .filter(Boolean)
        .join(' ')
    : `${route.root} ${route.group}`;
}

describe('150 commands', () => {
  let fx: BotFixture;
  beforeAll(async () => {
    fx = await BotFixture.create();
    await fx.write('extensions/bulk-a/index.ts', manyCommandsExtension('bulk-a', 'alpha', 90));
    await fx.write('extensions/bulk-b/index.ts', manyCommandsExtension('bulk-b', 'beta', 60));
    // One member runs all 150 commands back to back; the per-user intake limit would (rightly)
    // stop that, and it is not what this test is about.
    await fx.start({ intake: { commandsPerUser: false } });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('registers at most 100 and every one of the 150 answers', async () => {
    const registered = fx.discord.commands();
    expect(registered.length).toBeLessThanOrEqual(100);
    const routes = fx.bot!.commandService.table!.plan.routes;
    expect(Object.keys(routes)).toHaveLength(150);
    expect(Object.values(routes).filter((r) => r.kind === 'folded').length).toBeGreaterThan(0);
    const guild = fx.discord.createGuild({ name: 'Many' });
    guild.createChannel({ name: 'general' });
    const alice = fx.discord.createUser({ username: 'alice' });
    guild.addMember(alice);
    for (const [prefix, count] of [
      ['alpha', 90],
      ['beta', 60],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const name = `${prefix}-${i}`;
        const reply = await alice
          .slash(guild, invocation(name, routes[name]), { text: 'hi' })
          .reply();
        expect(reply.content).toBe(`answer from ${name}:hi`);
      }
    }
  });

  it('restarting with unchanged commands makes zero registration calls', async () => {
    await fx.stopBot();
    fx.discord.clearRequests();
    await fx.start();
    const calls = fx.discord.requests().filter((r) => r.route.includes('/applications/'));
    expect(calls).toEqual([]);
    const guild = fx.discord.createGuild({ name: 'After restart' });
    guild.createChannel({ name: 'general' });
    const bob = fx.discord.createUser({ username: 'bob' });
    guild.addMember(bob);
    const routes = fx.bot!.commandService.table!.plan.routes;
    const reply = await bob.slash(guild, invocation('beta-59', routes['beta-59'])).reply();
    expect(reply.content).toBe('answer from beta-59');
  });
});
