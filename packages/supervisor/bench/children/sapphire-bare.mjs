// Child process: the peer, a bare SapphireClient with ZORYX_BENCH_COMMANDS chat-input commands
// (Sapphire's default registration on ready).
import './cpu-report.mjs';
import { Command, container, Events, LogLevel, SapphireClient } from '@sapphire/framework';
import { GatewayIntentBits } from 'discord.js';
import { mark, reportMarks } from './phase-marks.mjs';

reportMarks();
mark('imported');

const count = Number(process.env.ZORYX_BENCH_COMMANDS ?? '1');
for (let i = 0; i < count; i++) {
  const name = i === 0 ? 'ping' : `cmd-${i}`;
  container.stores.loadPiece({
    store: 'commands',
    name,
    piece: class extends Command {
      registerApplicationCommands(registry) {
        registry.registerChatInputCommand((b) => b.setName(name).setDescription(`Command ${name}`));
      }
      chatInputRun(interaction) {
        return interaction.reply('pong');
      }
    },
  });
}
const client = new SapphireClient({
  intents: [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.MessageContent,
  ],
  baseUserDirectory: null,
  // Over 100 commands Discord refuses the rest: the peer's real behaviour, kept quiet here.
  logger: { level: LogLevel.None },
  rest: { api: process.env.ZORYX_DISCORD_API, globalRequestsPerSecond: 1e9, timeout: 60_000 },
});
client.once(Events.ClientReady, () => mark('clientReady'));
client.once(Events.ApplicationCommandRegistriesRegistered, () => {
  mark('started');
  process.send?.({ started: true });
});
mark('login');
await client.login(process.env.DISCORD_TOKEN);
process.on('message', async (m) => {
  if (m === 'stop') {
    await client.destroy();
    process.exit(0);
  }
});
