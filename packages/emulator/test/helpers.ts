import { once } from 'node:events';
import { Client, type ClientOptions, GatewayIntentBits } from 'discord.js';
import { type Emulator, startEmulator } from '../src/index.js';

/** One emulator and the clients of a test, closed in afterEach. */
export interface Harness {
  discord: Emulator;
  clients: Client[];
}

/** Starts an emulator for a test. */
export async function setup(): Promise<Harness> {
  return { discord: await startEmulator(), clients: [] };
}

/** Destroys every client and closes the emulator. */
export async function teardown(harness: Harness | undefined): Promise<void> {
  if (!harness) return;
  for (const client of harness.clients) await client.destroy();
  await harness.discord.close();
}

/** The intents most bots in these tests use. */
export const MESSAGE_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

/** Creates a discord.js client pointed at the emulator and logs it in; resolves when ready. */
export async function loginClient(
  harness: Harness,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: MESSAGE_INTENTS,
    ...options,
    ...harness.discord.clientOptions(),
  });
  harness.clients.push(client);
  const ready = once(client, 'clientReady');
  await client.login(harness.discord.token);
  await ready;
  return client as Client<true>;
}
