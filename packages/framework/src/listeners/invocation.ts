import type { BaseInteraction, Message } from 'discord.js';
import type {
  CommandErrorPayload,
  CommandExecutedPayload,
  CommandKind,
} from '../events/framework-events.js';

/** Who and where of an invocation, as plain data for hook payloads. */
export function invocationOf(
  target: BaseInteraction | Message,
  commandName: string,
  kind: CommandKind,
): Omit<CommandExecutedPayload, 'durationMs'> {
  const userId = 'author' in target ? target.author.id : target.user.id;
  return {
    commandName,
    kind,
    userId,
    guildId: target.guildId ?? null,
    channelId: target.channelId ?? null,
  };
}

/** `prefix` or `mention`, from the prefix Sapphire matched. */
export function messageKind(prefix: string | RegExp): CommandKind {
  return typeof prefix === 'string' && /^<@!?\d+>/.test(prefix) ? 'mention' : 'prefix';
}

/** The serialised error a `command_error` payload carries. */
export function serializeError(error: unknown): CommandErrorPayload['error'] {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { name: 'NonError', message: String(error) };
}
