import { defineCommand } from '@zoryx/framework';
import { ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import { warningEmbed } from '../shared/embeds.js';
import { runView, type ViewFrame, type ViewRow } from '../shared/interactive-view.js';
import { clampPage, pageButtons, turnPage } from '../shared/pagination.js';
import { respond } from '../shared/replies.js';
import { selectRow } from '../shared/select-view.js';
import { aboutEmbed } from './about.js';
import { type CatalogEntry, commandCatalog } from './command-catalog.js';
import { coreViewOptions } from './core-config.js';
import { prefixFor } from './guild-prefix.js';
import { categoriesOf, categoryPages, commandDetailEmbed, overviewEmbed } from './help-pages.js';

/** Custom id of help's category menu. */
export const HELP_CATEGORY_ID = 'zoryx:help:category';
/** Custom id of help's credits button. */
export const HELP_CREDITS_ID = 'zoryx:help:credits';

function controls(
  entries: readonly CatalogEntry[],
  category: string | undefined,
  page: number,
  total: number,
): ViewRow[] {
  const categories = categoriesOf(entries);
  const menu = selectRow(
    HELP_CATEGORY_ID,
    'Pick a category',
    [...categories].map(([name, count]) => ({
      value: name,
      label: name,
      description: `${count} command${count === 1 ? '' : 's'}`,
    })),
    category,
  );
  const buttons = pageButtons(page, total).addComponents(
    new ButtonBuilder()
      .setCustomId(HELP_CREDITS_ID)
      .setLabel('Credits')
      .setStyle(ButtonStyle.Primary),
  );
  return [menu, buttons];
}

/**
 * `help`: an interactive list (category menu, 5 commands per page with Prev/Next, a Credits
 * button; only the invoker can use it, it times out) — or `help <command>` for one command.
 */
export const helpCommand = defineCommand({
  name: 'help',
  description: 'Lists the commands by category, or explains one command',
  detail:
    'Without an argument: pick a category in the menu and page through its commands. With a command name: how to run it, who may, its cooldown.',
  pinned: true,
  priority: 100,
  options: { command: { kind: 'string', description: 'A command to explain', max: 32 } },
  async run(interaction, { command }, ctx) {
    const bot = ctx.client;
    const entries = commandCatalog(bot);
    const prefix = await prefixFor(bot, interaction.guildId);
    if (command !== undefined) {
      const wanted = command.trim().replace(/^\//, '').toLowerCase();
      const aliased = bot.stores.get('commands').get(wanted)?.name;
      const entry = entries.find((e) => e.name === wanted || e.name === aliased);
      if (!entry) {
        return respond(interaction, [
          warningEmbed(
            `There is no command named \`${wanted}\`. Run \`${prefix}help\` to see them all.`,
            'Unknown command',
          ),
        ]);
      }
      return respond(interaction, [commandDetailEmbed(bot, entry, prefix)]);
    }

    let category: string | undefined;
    let page = 0;
    const frame = (): ViewFrame => {
      if (category === undefined) {
        return {
          embeds: [overviewEmbed(entries, prefix)],
          components: controls(entries, undefined, 0, 1),
        };
      }
      const pages = categoryPages(entries, category, prefix);
      page = clampPage(page, pages.length);
      const embed = pages[page];
      return {
        embeds: embed ? [embed] : [],
        components: controls(entries, category, page, pages.length),
      };
    };
    return runView(
      interaction,
      frame(),
      async (component) => {
        if (component.customId === HELP_CREDITS_ID) {
          await component.reply({
            embeds: [aboutEmbed(bot)],
            flags: MessageFlags.Ephemeral,
          });
          return 'handled';
        }
        if (component.isStringSelectMenu() && component.customId === HELP_CATEGORY_ID) {
          category = component.values[0];
          page = 0;
          return frame();
        }
        const total = category === undefined ? 1 : categoryPages(entries, category, prefix).length;
        page = turnPage(component.customId, page, total) ?? page;
        return frame();
      },
      coreViewOptions(ctx),
    );
  },
});
