import type { CommandInteraction } from '@zoryx/framework';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import {
  runView,
  type ViewFrame,
  type ViewHandle,
  type ViewOptions,
  type ViewRow,
} from './interactive-view.js';

/** Custom id of the "previous page" button. */
export const PAGE_PREV_ID = 'zoryx:page:prev';
/** Custom id of the "next page" button. */
export const PAGE_NEXT_ID = 'zoryx:page:next';

/** Splits `items` into pages of `perPage` (at least one page, possibly empty). */
export function paginate<T>(items: readonly T[], perPage: number): T[][] {
  const size = Math.max(1, Math.floor(perPage));
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

/** Keeps `page` within `0 … total-1`. */
export function clampPage(page: number, total: number): number {
  return Math.min(Math.max(0, Math.floor(page)), Math.max(0, total - 1));
}

/** The Prev / `x/y` / Next row; Prev and Next are disabled at the ends. */
export function pageButtons(page: number, total: number): ViewRow {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(PAGE_PREV_ID)
      .setLabel('◀ Prev')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page <= 0),
    new ButtonBuilder()
      .setCustomId('zoryx:page:indicator')
      .setLabel(`${page + 1}/${total}`)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(true),
    new ButtonBuilder()
      .setCustomId(PAGE_NEXT_ID)
      .setLabel('Next ▶')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page >= total - 1),
  ) as ViewRow;
}

/** The page a Prev/Next click leads to, or `undefined` when `customId` is not one of them. */
export function turnPage(customId: string, page: number, total: number): number | undefined {
  if (customId === PAGE_PREV_ID) return clampPage(page - 1, total);
  if (customId === PAGE_NEXT_ID) return clampPage(page + 1, total);
  return undefined;
}

/** Options of {@link sendPaginatedView}. */
export interface PaginatedViewOptions extends ViewOptions {
  /** One embed per page; each gets the footer `Page x/y`. */
  pages: readonly EmbedBuilder[];
  /** Page shown first (0-based). */
  startPage?: number;
}

/**
 * Answers with a paginated embed: Prev/Next buttons and `Page x/y`, usable by the invoker only,
 * disabled after the timeout. A single page is sent without buttons.
 *
 * @example
 * ```ts
 * const pages = paginate(items, 10).map((chunk, i) => infoEmbed(chunk.join('\n'), 'Items'));
 * await sendPaginatedView(interaction, { pages, timeoutMs: 180_000 });
 * ```
 */
export async function sendPaginatedView(
  interaction: CommandInteraction,
  options: PaginatedViewOptions,
): Promise<ViewHandle> {
  const total = Math.max(1, options.pages.length);
  let page = clampPage(options.startPage ?? 0, total);
  const frame = (): ViewFrame => {
    const embed = options.pages[page];
    const embeds = embed ? [embed.setFooter({ text: `Page ${page + 1}/${total}` })] : [];
    return { embeds, components: total > 1 ? [pageButtons(page, total)] : [] };
  };
  return runView(
    interaction,
    frame(),
    async (component) => {
      page = turnPage(component.customId, page, total) ?? page;
      return frame();
    },
    options,
  );
}
