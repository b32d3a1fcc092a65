import {
  type BaseInteraction,
  EmbedBuilder,
  type InteractionReplyOptions,
  type Message,
  MessageFlags,
} from 'discord.js';
import { noticeMentions } from '../client/allowed-mentions.js';

/** Embed colours used by every framework reply. */
export const ReplyColor = {
  success: 0x57f287,
  error: 0xed4245,
  warning: 0xfee75c,
  info: 0x5865f2,
} as const;

/** An embed in the framework's style. */
export function replyEmbed(kind: keyof typeof ReplyColor, description: string, title?: string) {
  const embed = new EmbedBuilder().setColor(ReplyColor[kind]).setDescription(description);
  return title ? embed.setTitle(title) : embed;
}

/**
 * Answers an interaction or a message with one embed, whatever state the interaction is in
 * (fresh → reply, deferred → edit, replied → follow-up). Never throws: the reply is best effort,
 * the caller has already logged what matters.
 */
export async function sendReply(
  target: BaseInteraction | Message,
  kind: keyof typeof ReplyColor,
  description: string,
  title?: string,
): Promise<void> {
  const embeds = [replyEmbed(kind, description, title)];
  try {
    // Notices echo user input (arguments, names); they ping nobody, whatever the client default.
    const allowedMentions = noticeMentions();
    if ('author' in target) {
      await target.reply({ embeds, allowedMentions });
      return;
    }
    if (!target.isRepliable()) return;
    const options: InteractionReplyOptions = {
      embeds,
      flags: MessageFlags.Ephemeral,
      allowedMentions,
    };
    if (target.deferred && !target.replied) await target.editReply({ embeds, allowedMentions });
    else if (target.replied) await target.followUp(options);
    else await target.reply(options);
  } catch {
    // The channel may be gone or the token expired; nothing more to do for the user.
  }
}
