import {
  type ChatInputCommand,
  type CommandDoesNotHaveMessageCommandHandler,
  Events,
  Listener,
  type MessageCommand,
} from '@sapphire/framework';
import { type EntityLookup, parsePrefixInvocation, routeKey } from '@zoryx/slash-limit';
import type { ChatInputCommandInteraction, Message } from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { MessageInteraction } from '../commands/message-interaction.js';
import { admitInvocation, slowDownText } from '../intake/intake-precondition.js';
import { sendReply } from './replies.js';

/** Resolves mentions and ids of a message's guild for the prefix parser. */
export function messageLookup(message: Message): EntityLookup {
  const { client, guild } = message;
  const quiet = <T>(p: Promise<T> | undefined) => p?.catch(() => undefined);
  return {
    user: (id) => quiet(client.users.fetch(id)),
    member: (id) => quiet(guild?.members.fetch(id)),
    role: (id) => quiet(guild?.roles.fetch(id).then((r) => r ?? undefined)),
    channel: (id) => quiet(client.channels.fetch(id).then((c) => c ?? undefined)),
  };
}

/**
 * Prefix and mention invocations of slash-only commands (folded, prefix-only, or simply without
 * `messageRun`): parses the text with `parsePrefixInvocation` against the command's registered
 * options, runs the command's preconditions (global ones included), then its `chatInputRun` with a
 * {@link MessageInteraction}. Success and errors are reported through Sapphire's message-command
 * events, so hooks, error ids and denials behave exactly as for hybrid commands.
 */
export class PrefixFallbackListener extends Listener<
  typeof Events.CommandDoesNotHaveMessageCommandHandler
> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.CommandDoesNotHaveMessageCommandHandler });
  }

  public async run({
    message,
    prefix,
    commandPrefix,
    command,
  }: CommandDoesNotHaveMessageCommandHandler) {
    const { client } = this.container;
    const chatInput = command as ChatInputCommand;
    const table = runtimeOf(client)?.commandTable();
    if (!table || typeof chatInput.chatInputRun !== 'function') return;
    const spec = [...table.specs.entries()].find(
      ([key, s]) => table.handlers.get(key) === command.name && key === routeKey({ name: s.name }),
    )?.[1];
    if (!spec) return;
    const rest = message.content.slice(commandPrefix.length).trim();
    const space = rest.search(/\s/);
    const commandName = space === -1 ? rest : rest.slice(0, space);
    const parameters = space === -1 ? '' : rest.slice(space + 1).trim();
    const context = { commandName, commandPrefix, prefix };
    // Typed as a message command for Sapphire's payloads; it has no `messageRun`, which nothing
    // downstream calls (we run `chatInputRun` below).
    const asMessage = command as MessageCommand;
    const payload = { message, command: asMessage, parameters, context };

    // The intake limit comes before everything that answers, the usage help included (the
    // global precondition below sees the same verdict and does not count this message again).
    const admitted = await admitInvocation(client, message, message.author.id);
    if (!admitted.ok) {
      if (admitted.notify) await sendReply(message, 'warning', slowDownText(admitted.retryAfterMs));
      return;
    }
    // Parse first: a malformed invocation gets usage help and does not use up a cooldown.
    const parsed = await parsePrefixInvocation(spec, parameters, messageLookup(message));
    if (!parsed.ok) {
      await sendReply(
        message,
        'warning',
        `${parsed.error.message}\nUsage: \`${commandPrefix}${parsed.error.usage}\``,
      );
      return;
    }
    const global = await this.container.stores
      .get('preconditions')
      .messageRun(message, asMessage, payload);
    const local = global.isOk()
      ? await command.preconditions.messageRun(message, asMessage, payload)
      : global;
    if (local.isErr()) {
      client.emit(Events.MessageCommandDenied, local.unwrapErr(), payload);
      return;
    }
    const interaction = new MessageInteraction(message, command.name, parsed);
    const started = performance.now();
    const runPayload = { ...payload, args: parsed.options };
    try {
      const result = await chatInput.chatInputRun(
        interaction as unknown as ChatInputCommandInteraction,
        { commandName: command.name, commandId: '' },
      );
      const duration = performance.now() - started;
      client.emit(Events.MessageCommandSuccess, { ...runPayload, result, duration });
    } catch (error) {
      client.emit(Events.MessageCommandError, error, { ...runPayload, duration: -1 });
    }
  }
}
