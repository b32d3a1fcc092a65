import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import { isAssistantError } from '../errors.js';
import type { AnswerView } from './answer-view.js';

/** The component entries whose custom ids the message carries. */
export interface AnswerButtons {
  readonly page: { customId(data?: string): string };
  readonly confirm: { customId(data?: string): string };
  readonly cancel: { customId(data?: string): string };
}

const WHO: Readonly<Record<string, string>> = {
  everyone: 'anyone',
  admin: 'an administrator',
  'guild-owner': 'the server owner or a bot owner',
  owner: 'a bot owner',
};

/** The content and buttons of page `index` of an answer. */
export function answerMessage(view: AnswerView, index: number, buttons: AnswerButtons) {
  const page = Math.min(Math.max(index, 0), view.pages.length - 1);
  const footer = [
    view.sources.length > 0
      ? `Sources: ${view.sources.map((s) => `\`${s}\``).join(', ')}`
      : 'Sources: none (no tool was used)',
    view.pages.length > 1 ? `page ${page + 1}/${view.pages.length}` : undefined,
  ].filter(Boolean);
  const proposals = view.actions.map(
    (a) =>
      `**Proposed action** — ${a.preview} Needs confirmation by ${WHO[a.permission] ?? a.permission}.`,
  );
  const content = [view.pages[page] ?? '', ...proposals, `-# ${footer.join(' · ')}`].join('\n\n');
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  if (view.pages.length > 1) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(buttons.page.customId(`${view.id}:${page - 1}`))
          .setLabel('◀ Previous')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page === 0),
        new ButtonBuilder()
          .setCustomId(buttons.page.customId(`${view.id}:${page + 1}`))
          .setLabel('Next ▶')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page === view.pages.length - 1),
      ),
    );
  }
  for (const action of view.actions.slice(0, 4)) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(buttons.confirm.customId(action.id))
          .setLabel(`Confirm: ${action.tool}`.slice(0, 80))
          .setStyle(ButtonStyle.Danger),
        new ButtonBuilder()
          .setCustomId(buttons.cancel.customId(action.id))
          .setLabel('Cancel')
          .setStyle(ButtonStyle.Secondary),
      ),
    );
  }
  return { content: content.slice(0, 2000), components: rows, allowedMentions: { parse: [] } };
}

/** An error as the asker sees it: its code, message and hint (never a stack). */
export function errorText(error: unknown, errorId?: string): string {
  if (isAssistantError(error)) return `⚠️ \`${error.code}\` ${error.message}\n-# ${error.hint}`;
  return `⚠️ Something went wrong while answering${errorId ? ` (error id \`${errorId}\`)` : ''}.`;
}

/** Options of an ephemeral reply. */
export function ephemeral(content: string) {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
}
