import {
  type ChatInputCommandDeniedPayload,
  type ChatInputCommandErrorPayload,
  type ChatInputCommandSuccessPayload,
  Events,
  Listener,
  type MessageCommandDeniedPayload,
  type MessageCommandErrorPayload,
  type MessageCommandSuccessPayload,
  type UserError,
} from '@sapphire/framework';
import { type BaseInteraction, type Message, RESTJSONErrorCodes } from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { commandTarget } from '../commands/command-target.js';
import type { CommandKind } from '../events/framework-events.js';
import { isSilentDenial } from '../intake/intake-precondition.js';
import { createErrorId } from '../logging/error-id.js';
import { denialTitle } from '../permissions/tier-precondition.js';
import { invocationOf, messageKind, serializeError } from './invocation.js';
import { sendReply } from './replies.js';

/** `command_executed` for slash commands (folded ones under the original's name). */
export class ChatInputSuccessListener extends Listener<typeof Events.ChatInputCommandSuccess> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ChatInputCommandSuccess });
  }

  public run({ command, interaction, duration }: ChatInputCommandSuccessPayload) {
    const name = commandTarget(command, interaction)?.name ?? command.name;
    const runtime = runtimeOf(this.container.client);
    runtime?.recordCommand(name);
    runtime?.emit('command_executed', {
      ...invocationOf(interaction, name, 'slash'),
      durationMs: duration,
    });
  }
}

/** `command_executed` for prefix and mention commands. */
export class MessageSuccessListener extends Listener<typeof Events.MessageCommandSuccess> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.MessageCommandSuccess });
  }

  public run({ command, message, context, duration }: MessageCommandSuccessPayload) {
    const runtime = runtimeOf(this.container.client);
    runtime?.recordCommand(command.name);
    runtime?.emit('command_executed', {
      ...invocationOf(message, command.name, messageKind(context.prefix)),
      durationMs: duration,
    });
  }
}

/** Logs a failed slash command with an error id, tells the user the id, emits `command_error`. */
export class ChatInputErrorListener extends Listener<typeof Events.ChatInputCommandError> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ChatInputCommandError });
  }

  public run(error: unknown, { command, interaction }: ChatInputCommandErrorPayload) {
    const name = commandTarget(command, interaction)?.name ?? command.name;
    return reportFailure(this, error, interaction, name, 'slash');
  }
}

/** Logs a failed prefix/mention command with an error id, tells the user, emits `command_error`. */
export class MessageErrorListener extends Listener<typeof Events.MessageCommandError> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.MessageCommandError });
  }

  public run(error: unknown, { command, message, context }: MessageCommandErrorPayload) {
    return reportFailure(this, error, message, command.name, messageKind(context.prefix));
  }
}

/** Tells the user why a slash command was refused (permission tier, cooldown, run-in…). */
export class ChatInputDeniedListener extends Listener<typeof Events.ChatInputCommandDenied> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ChatInputCommandDenied });
  }

  public run(error: UserError, { interaction }: ChatInputCommandDeniedPayload) {
    if (isSilentDenial(error)) return undefined;
    return sendReply(interaction, 'warning', error.message, denialTitle(error));
  }
}

/** Tells the user why a prefix command was refused. */
export class MessageDeniedListener extends Listener<typeof Events.MessageCommandDenied> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.MessageCommandDenied });
  }

  public run(error: UserError, { message }: MessageCommandDeniedPayload) {
    if (isSilentDenial(error)) return undefined;
    return sendReply(message, 'warning', error.message, denialTitle(error));
  }
}

async function reportFailure(
  listener: Listener,
  error: unknown,
  target: BaseInteraction | Message,
  commandName: string,
  kind: CommandKind,
): Promise<void> {
  const runtime = runtimeOf(listener.container.client);
  const errorId = createErrorId();
  const extension = runtime?.pieceOwner('commands', commandName);
  if (isUnanswerable(error)) {
    // The interaction can no longer be answered (Discord's 3 s window passed, or it was already
    // answered): an error reply would fail the same way and cost a request per late command,
    // which is exactly when a busy bot can least afford it. One short line, no stack.
    runtime?.logger.warn(
      { errorId, command: commandName, extension, kind, code: 'ZRX_COMMAND_REPLY_EXPIRED' },
      `command ${commandName}${extension ? ` of extension "${extension}"` : ''} answered too late: Discord no longer accepts a reply to this interaction (error id ${errorId})`,
    );
    runtime?.emit('command_error', {
      ...invocationOf(target, commandName, kind),
      error: serializeError(error),
      errorId,
    });
    return;
  }
  runtime?.logger.error(
    { err: error, errorId, command: commandName, extension, kind, code: 'ZRX_COMMAND_FAILED' },
    `command ${commandName}${extension ? ` of extension "${extension}"` : ''} failed (error id ${errorId})`,
  );
  runtime?.emit('command_error', {
    ...invocationOf(target, commandName, kind),
    error: serializeError(error),
    errorId,
  });
  await sendReply(
    target,
    'error',
    `Something went wrong while running \`${commandName}\`. Error id: \`${errorId}\``,
  );
}

/**
 * Discord's answers that mean no reply can reach the user through this interaction any more:
 * 10062 Unknown interaction (the 3 s acknowledgement window passed) and 40060 already
 * acknowledged.
 */
function isUnanswerable(error: unknown): boolean {
  // Duck-typed rather than `instanceof DiscordAPIError`: an extension may bundle its own copy of
  // discord.js, whose errors are another class with the same shape.
  if (!(error instanceof Error) || !('rawError' in error) || !('code' in error)) return false;
  return (
    error.code === RESTJSONErrorCodes.UnknownInteraction ||
    error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
  );
}
