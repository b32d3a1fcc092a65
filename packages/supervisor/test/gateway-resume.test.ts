// The supervisor's gateway session survives a network drop with a RESUME, its dispatch fast path
// (src/gateway-fast-path.ts) keeping the session's sequence number: Discord replays exactly what
// was missed — nothing twice, no new IDENTIFY — and the worker's bot sees each event once.

import type { Supervisor } from '@zoryx/supervisor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, createWorld, superviseProbe, teardown, type World } from './harness.js';

let world: World;
let supervisor: Supervisor;

beforeAll(async () => {
  world = await createWorld();
  supervisor = await superviseProbe(world);
}, 60_000);

afterAll(async () => {
  await teardown(world, supervisor);
});

describe("the supervisor's gateway session", () => {
  it('resumes after a dropped connection from the last event it saw: replayed once, no IDENTIFY', async () => {
    world.alice.send(world.general, 'note:before');
    // 20 more events before the drop (chat, no command): what a stale sequence number replays.
    for (let i = 0; i < 20; i++) world.alice.send(world.general, `chat ${i}`);
    expect(await ask(world, '!seen')).toBe('notes=before');
    const delivered = supervisor.stats().stream.delivered;
    // A network failure: the sockets go, the sessions stay resumable; what is sent meanwhile
    // waits in the emulator's backlog for the RESUME.
    world.discord.gateway.dropConnections();
    world.alice.send(world.general, 'note:during');
    expect(await ask(world, '!seen')).toBe('notes=before,during');
    expect(world.discord.gateway.identifyCount).toBe(1);
    // Relayed since the drop: the note, the command and its reply, the shard's close and
    // resume — not the 20 events before it again (discord.js would drop the repeated messages
    // silently, so the bot's answers alone could not tell).
    expect(supervisor.stats().stream.delivered - delivered).toBeLessThan(12);
    expect(supervisor.stats().restarts.total).toBe(0);
  }, 60_000);
});
