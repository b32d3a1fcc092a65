import {
  type APIApplicationCommandOptionChoice,
  type APIModalInteractionResponseCallbackData,
  InteractionType,
  InteractionResponseType as R,
} from 'discord-api-types/v10';
import { badRequest, invalidFormBody, unknown } from '../rest/discord-error.js';
import type { UploadedFile } from '../rest/router.js';
import type { StoredMessage } from '../state/records.js';
import type { MessageInput } from '../validation/message-rules.js';
import type { InteractionRecord } from './interaction-record.js';
import { createMessage, editMessage } from './messages.js';
import type { World } from './world.js';

/** The body of `POST /interactions/:id/:token/callback`. */
export interface CallbackBody {
  type: number;
  data?: MessageInput & {
    choices?: APIApplicationCommandOptionChoice[];
    custom_id?: string;
    title?: string;
    components?: unknown[];
  };
}

/** The interaction behind an id and token, or 10062 Unknown interaction. */
export function findInteraction(world: World, id: string, token: string): InteractionRecord {
  const record = world.interactions.get(id);
  if (!record || record.token !== token) throw unknown('interaction');
  return record;
}

function metadataOf(
  world: World,
  record: InteractionRecord,
): StoredMessage['interaction_metadata'] {
  const data = record.payload.data as { name?: string; type?: number } | undefined;
  // discord-api-types splits the metadata by interaction type; the record's type is the union of
  // them, so the object is one of those shapes by construction rather than by narrowing.
  return {
    id: record.id,
    type: record.payload.type,
    user: world.user(record.userId),
    authorizing_integration_owners: record.payload.authorizing_integration_owners,
    ...(data?.name ? { name: data.name, command_type: data.type } : {}),
  } as StoredMessage['interaction_metadata'];
}

/** Creates the bot's message for an interaction (reply, deferral placeholder, or followup). */
export function interactionMessage(
  world: World,
  record: InteractionRecord,
  input: MessageInput,
  files: UploadedFile[],
  loading = false,
) {
  const channel = world.channel(record.channelId ?? '');
  const isCommand = record.payload.type === InteractionType.ApplicationCommand;
  const flags = (input.flags ?? 0) & (64 | 4 | 4096 | 32768);
  return createMessage(
    world,
    channel,
    world.botUser,
    { ...input, flags: loading ? flags | 128 : flags },
    {
      interactionId: record.id,
      webhookId: world.settings.applicationId,
      type: isCommand ? 20 : 0,
      metadata: metadataOf(world, record),
      files,
      trusted: loading,
      silent: loading,
    },
  );
}

/**
 * Applies an interaction callback the way Discord does: one response per interaction (40060
 * afterwards), within the acknowledgement window (10062 after it), and only response types
 * that fit the interaction type.
 */
export function respond(
  world: World,
  record: InteractionRecord,
  body: CallbackBody,
  files: UploadedFile[],
) {
  const timeout = world.settings.interactionAckTimeout;
  if (timeout !== false && Date.now() - record.createdAt > timeout) throw unknown('interaction');
  if (record.responseType !== null) {
    throw badRequest(40060, 'Interaction has already been acknowledged.');
  }
  const kind = record.payload.type;
  const isComponent =
    kind === InteractionType.MessageComponent ||
    (kind === InteractionType.ModalSubmit && record.sourceMessageId !== null);
  const allowed: Record<number, boolean> = {
    [R.ChannelMessageWithSource]: kind !== InteractionType.ApplicationCommandAutocomplete,
    [R.DeferredChannelMessageWithSource]: kind !== InteractionType.ApplicationCommandAutocomplete,
    [R.DeferredMessageUpdate]: isComponent,
    [R.UpdateMessage]: isComponent,
    [R.ApplicationCommandAutocompleteResult]:
      kind === InteractionType.ApplicationCommandAutocomplete,
    [R.Modal]:
      kind === InteractionType.ApplicationCommand || kind === InteractionType.MessageComponent,
  };
  if (!allowed[body.type]) {
    throw invalidFormBody({
      type: {
        _errors: [
          {
            code: 'INTERACTION_RESPONSE_TYPE_INVALID',
            message: `Response type ${body.type} is not valid for interaction type ${kind}`,
          },
        ],
      },
    });
  }
  const result = apply(world, record, body, files);
  record.responseType = body.type;
  return result;
}

function apply(world: World, record: InteractionRecord, body: CallbackBody, files: UploadedFile[]) {
  const data = body.data ?? {};
  const base = { channelId: record.channelId, interactionId: record.id };
  switch (body.type) {
    case R.ChannelMessageWithSource: {
      const message = interactionMessage(world, record, data, files);
      record.originalMessageId = message.id;
      return message;
    }
    case R.DeferredChannelMessageWithSource: {
      const message = interactionMessage(world, record, { flags: data.flags ?? 0 }, [], true);
      record.originalMessageId = message.id;
      world.outputs.push({ ...base, kind: 'defer', message });
      return message;
    }
    case R.DeferredMessageUpdate: {
      record.originalMessageId = record.sourceMessageId;
      world.outputs.push({ ...base, kind: 'defer' });
      return null;
    }
    case R.UpdateMessage: {
      record.originalMessageId = record.sourceMessageId;
      const source = world.records.messageIndex.get(record.sourceMessageId ?? '');
      if (!source) throw unknown('message');
      return editMessage(world, source, data, record.id);
    }
    case R.ApplicationCommandAutocompleteResult: {
      const choices = data.choices ?? [];
      if (choices.length > 25) {
        throw invalidFormBody({
          data: {
            choices: {
              _errors: [
                { code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' },
              ],
            },
          },
        });
      }
      world.outputs.push({ ...base, kind: 'autocomplete', choices });
      return null;
    }
    default: {
      world.outputs.push({
        ...base,
        kind: 'modal',
        modal: data as APIModalInteractionResponseCallbackData,
      });
      return null;
    }
  }
}
