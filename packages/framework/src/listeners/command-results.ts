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
import type { BaseInteraction, Message } from 'discord.js';
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
