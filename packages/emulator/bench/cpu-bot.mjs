// Child process of cpu-per-command.mjs: a minimal discord.js bot (its own process, so its CPU is
// not counted as the emulator's) that answers `/ping` with interaction.reply and `!ping` with
// message.reply, as the Zoryx framework does.
import { Client, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
  ],
  rest: {
    api: process.env.BENCH_API,
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    timeout: 60_000,
    retries: 0,
  },
});
client.on('interactionCreate', (interaction) => {
  if (interaction.isChatInputCommand()) interaction.reply('pong').catch(() => {});
});
client.on('messageCreate', (message) => {
  if (message.content === '!ping') message.reply('pong').catch(() => {});
});
client.once('clientReady', async () => {
  await client.application.commands.create({ name: 'ping', description: 'Pong' });
  process.send({ ready: true });
});
process.on('message', async (m) => {
  if (m === 'stop') {
    await client.destroy();
    process.exit(0);
  }
});
await client.login(process.env.BENCH_TOKEN);
