import type { StoreRegistryKey } from '@sapphire/framework';
import {
  type AutocompleteInteractionPayload,
  type Command,
  type ContextMenuCommandErrorPayload,
  Events,
  type InteractionHandlerError,
  type InteractionHandlerParseError,
  Listener,
  type ListenerErrorPayload,
} from '@sapphire/framework';
import type { Client } from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { createErrorId } from '../logging/error-id.js';
import { sendReply } from './replies.js';

/**
 * Logs an error Sapphire caught in a piece, with an error id and the extension that brought the
 * piece (`ZRX_PIECE_FAILED`). With `loadDefaultErrorListeners: false` nothing else would: these
 * errors vanished before. Returns the error id.
 */
function logPieceError(
  client: Client,
  error: unknown,
  store: StoreRegistryKey,
  piece: string,
  what: string,
): string {
  const runtime = runtimeOf(client);
  const errorId = createErrorId();
  const extension = runtime?.pieceOwner(store, piece);
  runtime?.logger.error(
    { err: error, errorId, extension, piece, store, code: 'ZRX_PIECE_FAILED' },
    `${what} "${piece}"${extension ? ` of extension "${extension}"` : ''} failed (error id ${errorId})`,
  );
  return errorId;
}

/** A listener piece threw (Sapphire's `listenerError`). */
export class ListenerErrorListener extends Listener<typeof Events.ListenerError> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ListenerError });
  }

  public run(error: unknown, { piece }: ListenerErrorPayload) {
    logPieceError(this.container.client, error, 'listeners', piece.name, 'listener');
  }
}

/** A command's `registerApplicationCommands` threw. */
export class RegistryErrorListener extends Listener<
  typeof Events.CommandApplicationCommandRegistryError
> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.CommandApplicationCommandRegistryError });
  }

  public run(error: unknown, command: Command) {
    logPieceError(
      this.container.client,
      error,
      'commands',
      command.name,
      'registering the application commands of',
    );
  }
}

/** A component or modal handler's `run` threw: logged, and the user gets the error id. */
export class InteractionHandlerErrorListener extends Listener<
  typeof Events.InteractionHandlerError
> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.InteractionHandlerError });
  }

  public async run(error: unknown, { handler, interaction }: InteractionHandlerError) {
    const errorId = logPieceError(
      this.container.client,
      error,
      'interaction-handlers',
      handler.name,
      'interaction handler',
    );
    if (interaction.isRepliable()) {
      await sendReply(interaction, 'error', `Something went wrong. Error id: \`${errorId}\``);
    }
  }
}

/** A component or modal handler's `parse` threw. */
export class InteractionParseErrorListener extends Listener<
  typeof Events.InteractionHandlerParseError
> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.InteractionHandlerParseError });
  }

  public run(error: unknown, { handler }: InteractionHandlerParseError) {
    logPieceError(
      this.container.client,
      error,
      'interaction-handlers',
      handler.name,
      'parsing an interaction in handler',
    );
  }
}

/** A command's `autocompleteRun` threw. */
export class AutocompleteErrorListener extends Listener<
  typeof Events.CommandAutocompleteInteractionError
> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.CommandAutocompleteInteractionError });
  }

  public run(error: unknown, { command }: AutocompleteInteractionPayload) {
    logPieceError(this.container.client, error, 'commands', command.name, 'autocomplete of');
  }
}

/** A context-menu command threw: logged, and the user gets the error id. */
export class ContextMenuErrorListener extends Listener<typeof Events.ContextMenuCommandError> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ContextMenuCommandError });
  }

  public async run(error: unknown, { command, interaction }: ContextMenuCommandErrorPayload) {
    const errorId = logPieceError(
      this.container.client,
      error,
      'commands',
      command.name,
      'context-menu command',
    );
    await sendReply(
      interaction,
      'error',
      `Something went wrong while running \`${command.name}\`. Error id: \`${errorId}\``,
    );
  }
}

/**
 * discord.js's `error` event: without a listener an emitted `error` throws and ends the process.
 * Logged with an error id (`ZRX_CLIENT_ERROR`).
 */
export class ClientErrorListener extends Listener<typeof Events.Error> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.Error });
  }

  public run(error: Error) {
    const errorId = createErrorId();
    runtimeOf(this.container.client)?.logger.error(
      { err: error, errorId, code: 'ZRX_CLIENT_ERROR' },
      `the Discord client reported an error (error id ${errorId})`,
    );
  }
}
