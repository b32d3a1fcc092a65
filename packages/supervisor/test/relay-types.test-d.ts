// Compile-time checks (run by `typecheck`): the relay's client options fit discord.js's
// ClientOptions and createBot's clientOptions, as the README's entry examples use them.

import { createBot } from '@zoryx/framework';
import type { WorkerRelay } from '@zoryx/supervisor/worker';
import { Client, type ClientOptions } from 'discord.js';
import { expectTypeOf, test } from 'vitest';

declare const relay: WorkerRelay;

test('relay.clientOptions() is a discord.js ClientOptions', () => {
  expectTypeOf(relay.clientOptions()).toMatchTypeOf<ClientOptions>();
  expectTypeOf(new Client({ ...relay.clientOptions() })).toEqualTypeOf<Client>();
});

test('relay.clientOptions() fits createBot', () => {
  expectTypeOf(createBot).toBeCallableWith({ clientOptions: relay.clientOptions() });
});
