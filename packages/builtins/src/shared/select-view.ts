import type { CommandInteraction } from '@zoryx/framework';
import {
  ActionRowBuilder,
  type EmbedBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from 'discord.js';
import {
  runView,
  type ViewFrame,
  type ViewHandle,
  type ViewOptions,
  type ViewRow,
} from './interactive-view.js';

/** Custom id of the select menu of {@link sendSelectView}. */
export const SELECT_ID = 'zoryx:select';

/** One choice of a select menu. */
export interface SelectChoice {
  value: string;
  label: string;
  description?: string;
}

/** A select-menu row (at most 25 choices, Discord's limit); `selected` is shown as default. */
export function selectRow(
  customId: string,
  placeholder: string,
  choices: readonly SelectChoice[],
  selected?: string,
): ViewRow {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(customId)
    .setPlaceholder(placeholder)
    .addOptions(
      choices.slice(0, 25).map((choice) => {
        const option = new StringSelectMenuOptionBuilder()
          .setValue(choice.value)
          .setLabel(choice.label.slice(0, 100))
          .setDefault(choice.value === selected);
        return choice.description
          ? option.setDescription(choice.description.slice(0, 100))
          : option;
      }),
    );
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu) as ViewRow;
}

/** Options of {@link sendSelectView}. */
export interface SelectViewOptions extends ViewOptions {
  placeholder: string;
  choices: readonly SelectChoice[];
  /** The embeds shown before anything is picked. */
  initial: readonly EmbedBuilder[];
  /** The embeds for a picked value. */
  render(value: string): readonly EmbedBuilder[] | Promise<readonly EmbedBuilder[]>;
}

/**
 * Answers with embeds and a select menu; picking a value shows `render(value)`. Usable by the
 * invoker only (others get an ephemeral refusal), disabled after the timeout.
 */
export async function sendSelectView(
  interaction: CommandInteraction,
  options: SelectViewOptions,
): Promise<ViewHandle> {
  const frame = (embeds: readonly EmbedBuilder[], selected?: string): ViewFrame => ({
    embeds,
    components: [selectRow(SELECT_ID, options.placeholder, options.choices, selected)],
  });
  return runView(
    interaction,
    frame(options.initial),
    async (component) => {
      if (!component.isStringSelectMenu()) return 'handled';
      const value = component.values[0] ?? '';
      return frame(await options.render(value), value);
    },
    options,
  );
}
