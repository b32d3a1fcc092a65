import { defineCommand } from '../shared/command.js';
import { infoEmbed } from '../shared/embeds.js';
import { respond } from '../shared/replies.js';

export const aboutCommand = defineCommand({
  name: 'about',
  description: 'About this bot and the Zoryx framework',
  run: (interaction) => respond(interaction, [infoEmbed('Zoryx', 'About')]),
});
