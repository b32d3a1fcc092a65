import { defineCommand, defineExtension } from '@zoryx/framework';
import { pongText } from './pong.js';

/** `/ping`, `!ping` and `@Bot ping`: the latency of the bot. */
const ping = defineCommand({
  name: 'ping',
  description: 'Replies with Pong! and the latency',
  run(interaction) {
    const latency = Date.now() - interaction.createdTimestamp;
    return interaction.reply(pongText(latency, interaction.client.ws.ping));
  },
});

/**
 * The bot's own commands. Everything the bot does lives in an extension, this one included: it
 * hot-reloads like the others, and `zoryx new extension <name>` adds more next to it.
 */
export default defineExtension({
  name: 'ping',
  version: '1.0.0',
  description: 'The /ping command',
  commands: [ping],
});
