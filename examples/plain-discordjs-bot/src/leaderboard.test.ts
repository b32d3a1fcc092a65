import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicStore } from '@zoryx/store';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Leaderboard } from './leaderboard.js';

let dir: string;
let store: AtomicStore;
let leaderboard: Leaderboard;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-leaderboard-'));
  store = new AtomicStore({ root: dir });
  leaderboard = new Leaderboard(store);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const alice = { id: '100', name: 'alice' };
const bob = { id: '200', name: 'bob' };

test('concurrent messages never lose an increment, each sees its own previous count', async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, () => leaderboard.record('1', alice)),
  );
  expect(await leaderboard.countOf('1', alice.id)).toBe(200);
  // Calls run in the order they were made: message n saw n - 1 before it.
  expect(results.map((r) => r.previous)).toEqual(Array.from({ length: 200 }, (_, n) => n));
  expect(results.map((r) => r.count)).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
});

test('guilds are counted separately and unknown members count 0', async () => {
  await leaderboard.record('1', alice);
  await leaderboard.record('2', alice);
  await leaderboard.record('2', alice);
  expect(await leaderboard.countOf('1', alice.id)).toBe(1);
  expect(await leaderboard.countOf('2', alice.id)).toBe(2);
  expect(await leaderboard.countOf('1', bob.id)).toBe(0);
  expect(await leaderboard.countOf('3', bob.id)).toBe(0);
});

test('top ranks by count, shares ranks on ties, respects the limit', async () => {
  const carol = { id: '300', name: 'carol' };
  for (const user of [bob, alice, carol, alice, carol, alice]) await leaderboard.record('1', user);
  expect(await leaderboard.top('1', 10)).toEqual([
    { userId: alice.id, name: 'alice', count: 3, rank: 1 },
    { userId: carol.id, name: 'carol', count: 2, rank: 2 },
    { userId: bob.id, name: 'bob', count: 1, rank: 3 },
  ]);
  await leaderboard.record('1', bob);
  // bob and carol tie at 2: same rank, alphabetical order; the limit cuts after bob.
  expect(await leaderboard.top('1', 2)).toEqual([
    { userId: alice.id, name: 'alice', count: 3, rank: 1 },
    { userId: bob.id, name: 'bob', count: 2, rank: 2 },
  ]);
  expect((await leaderboard.top('1', 3))[2]).toEqual({
    userId: carol.id,
    name: 'carol',
    count: 2,
    rank: 2,
  });
  expect(await leaderboard.top('9', 10)).toEqual([]);
});

test('a member shows under the name they last wrote with', async () => {
  await leaderboard.record('1', alice);
  await leaderboard.record('1', { id: alice.id, name: 'alice2' });
  expect(await leaderboard.top('1', 1)).toEqual([
    { userId: alice.id, name: 'alice2', count: 2, rank: 1 },
  ]);
});

test('a new store on the same directory reads the persisted counts', async () => {
  await leaderboard.record('1', alice);
  await leaderboard.record('1', alice);
  await store.close();
  store = new AtomicStore({ root: dir });
  leaderboard = new Leaderboard(store);
  expect(await leaderboard.record('1', alice)).toEqual({ previous: 2, count: 3 });
});
