import { type CommandInteraction, type ExtensionContext, ZoryxClient } from '@zoryx/framework';
import { createErrorId } from '@zoryx/framework/internals';
import {
  type EmbedBuilder,
  type InteractionReplyOptions,
  type Message,
  type MessageComponentInteraction,
  MessageFlags,
} from 'discord.js';
import { errorEmbed } from './embeds.js';

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

/** Where {@link replyError} logs: an extension's `ctx.logger` (or any pino-like logger). */
export type ErrorLogger = Pick<ExtensionContext['logger'], 'error' | 'warn'>;

/** Options of {@link replyError}. */
export interface ReplyErrorOptions {
  /** The failure, logged with its stack. */
  error?: unknown;
  /**
   * Where to log it: pass the extension's `ctx.logger` so the line carries the extension's name.
   * Default: the bot's logger.
   */
  logger?: ErrorLogger;
}

/**
 * Reports a failure the command handled itself: logs it with a fresh error id (the same id the
 * user sees, so an operator finds the stack trace from a screenshot) and answers with a red
 * embed carrying the id. Returns the id.
 *
 * @example
 * ```ts
 * run: async (interaction, args, ctx) => {
 *   try { … } catch (error) { return replyError(interaction, 'Could not save.', { error, logger: ctx.logger }); }
 * }
 * ```
 */
export async function replyError(
  interaction: CommandInteraction | MessageComponentInteraction,
  description: string,
  options: ReplyErrorOptions = {},
): Promise<string> {
  const errorId = createErrorId();
  const logger = options.logger ?? botLogger(interaction.client);
  const mistake = operatorMistakeCode(options.error);
  if (mistake) {
    // An expected operator mistake (a name that is not there, an extension already loaded…):
    // one coded warning line, no stack; the reply already says what to do.
    logger?.warn(
      { errorId, command: commandNameOf(interaction), code: mistake },
      `${description.split('\n')[0]} (error id ${errorId})`,
    );
  } else {
    logger?.error(
      { err: options.error, errorId, command: commandNameOf(interaction) },
      `${description} (error id ${errorId})`,
    );
  }
  await respond(interaction, [errorEmbed(`${description}\nError id: \`${errorId}\``)], {
    ephemeral: true,
  }).catch(() => undefined);
  return errorId;
}

/** Coded errors that mean the operator asked for something that is not so, not a bot fault. */
const OPERATOR_MISTAKES = new Set([
  'ZRX_EXT_NOT_FOUND',
  'ZRX_EXT_NOT_LOADED',
  'ZRX_EXT_ALREADY_LOADED',
  'ZRX_EXT_BLACKLISTED',
  'ZRX_EXT_NOT_QUARANTINED',
  'ZRX_EXT_QUARANTINED',
]);

/** The code of `error` when it is an expected operator mistake, else undefined. */
export function operatorMistakeCode(error: unknown): string | undefined {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && OPERATOR_MISTAKES.has(code) ? code : undefined;
}

/** The bot's own logger, when the client is a Zoryx bot (it always is inside an extension). */
export function botLogger(client: unknown): ZoryxClient['zoryxLogger'] | undefined {
  return client instanceof ZoryxClient ? client.zoryxLogger : undefined;
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
