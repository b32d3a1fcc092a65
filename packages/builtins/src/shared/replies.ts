import { createErrorId, runtimeOf } from '@zoryx/framework';
import {
  type ChatInputCommandInteraction,
  type EmbedBuilder,
  type InteractionReplyOptions,
  type Message,
  type MessageComponentInteraction,
  MessageFlags,
} from 'discord.js';
import { errorEmbed } from './embeds.js';

/**
 * What built-in commands answer: a slash interaction, or the framework's message-backed stand-in
 * for prefix and `@mention` invocations (same methods; `ephemeral` is ignored there).
 */
export type CommandInteraction = ChatInputCommandInteraction;

/** Options of {@link respond}. */
export interface RespondOptions {
  /** Only the invoker sees it (slash only; prefix replies are always visible). */
  ephemeral?: boolean;
  /** Text beside the embeds. */
  content?: string;
}

/**
 * Answers an invocation with embeds, whatever state it is in (fresh → reply, deferred → edit,
 * replied → follow-up), and resolves with the message sent. Works for slash and prefix alike.
 */
export async function respond(
  interaction: CommandInteraction | MessageComponentInteraction,
  embeds: readonly EmbedBuilder[],
  options: RespondOptions = {},
): Promise<Message | undefined> {
  const payload: InteractionReplyOptions = {
    embeds: [...embeds],
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.content === undefined ? {} : { content: options.content }),
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
  if (interaction.deferred && !interaction.replied) {
    const { flags: _flags, ...edit } = payload;
    return (await interaction.editReply(edit)) as Message;
  }
  if (interaction.replied) return (await interaction.followUp(payload)) as Message;
  const sent = (await interaction.reply(payload)) as unknown;
  if (isMessage(sent)) return sent;
  return (await interaction.fetchReply().catch(() => undefined)) as Message | undefined;
}

/**
 * Reports a failure the command handled itself: logs it with a fresh error id (the same id the
 * user sees, so an operator finds the stack trace from a screenshot) and answers with a red
 * embed carrying the id. Returns the id.
 */
export async function replyError(
  interaction: CommandInteraction | MessageComponentInteraction,
  description: string,
  error?: unknown,
): Promise<string> {
  const errorId = createErrorId();
  runtimeOf(interaction.client)?.logger.error(
    { err: error, errorId, command: commandNameOf(interaction) },
    `${description} (error id ${errorId})`,
  );
  await respond(interaction, [errorEmbed(`${description}\nError id: \`${errorId}\``)], {
    ephemeral: true,
  }).catch(() => undefined);
  return errorId;
}

function commandNameOf(interaction: CommandInteraction | MessageComponentInteraction): string {
  return 'commandName' in interaction ? interaction.commandName : interaction.customId;
}

/** True for a discord.js `Message` (what a prefix invocation's reply resolves with). */
export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    'channelId' in value &&
    'author' in value &&
    'edit' in value
  );
}
