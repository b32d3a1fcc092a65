import { ReplyColor, replyEmbed } from '@zoryx/framework';
import type { EmbedBuilder } from 'discord.js';

/** The four reply kinds every built-in uses: success green, error red, warning yellow, info blurple. */
export type ReplyKind = keyof typeof ReplyColor;

/** Colours of the reply kinds (the framework's {@link ReplyColor}). */
export const EmbedColor: Readonly<Record<ReplyKind, number>> = ReplyColor;

/** A field of an embed (Discord allows 25 per embed, 1,024 characters per value). */
export interface EmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

const FIELD_VALUE_MAX = 1024;
const FIELDS_MAX = 25;

/**
 * An embed in the built-ins' style: the framework's colour for `kind`, a title, a description,
 * and fields (empty values become `—`, long ones are cut to Discord's 1,024 characters).
 *
 * @example
 * ```ts
 * const embed = styledEmbed('info', 'Stats', undefined, [{ name: 'Guilds', value: '3', inline: true }]);
 * ```
 */
export function styledEmbed(
  kind: ReplyKind,
  title: string,
  description?: string,
  fields: readonly EmbedField[] = [],
): EmbedBuilder {
  const embed = replyEmbed(kind, description ?? '\u200b', title);
  if (description === undefined) embed.setDescription(null);
  if (fields.length > 0) {
    embed.addFields(
      fields.slice(0, FIELDS_MAX).map((field) => ({
        name: field.name,
        value: clip(field.value || '—', FIELD_VALUE_MAX),
        inline: field.inline ?? false,
      })),
    );
  }
  return embed;
}

/** A green embed. */
export function successEmbed(description: string, title = 'Done'): EmbedBuilder {
  return replyEmbed('success', description, title);
}

/** A red embed. */
export function errorEmbed(description: string, title = 'Error'): EmbedBuilder {
  return replyEmbed('error', description, title);
}

/** A yellow embed. */
export function warningEmbed(description: string, title = 'Warning'): EmbedBuilder {
  return replyEmbed('warning', description, title);
}

/** A blurple embed. */
export function infoEmbed(description: string, title?: string): EmbedBuilder {
  return replyEmbed('info', description, title);
}

/** Cuts `text` to `max` characters, ending with `…` when it was longer. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
