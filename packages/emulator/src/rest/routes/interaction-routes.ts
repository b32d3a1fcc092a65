import { InteractionResponseType } from 'discord-api-types/v10';
import type { MessageInput } from '../../validation/message-rules.js';
import type { InteractionRecord } from '../../world/interaction-record.js';
import {
  type CallbackBody,
  findInteraction,
  interactionMessage,
  respond,
} from '../../world/interaction-responses.js';
import { deleteMessage, editMessage } from '../../world/messages.js';
import type { World } from '../../world/world.js';
import { unknown } from '../discord-error.js';
import { RouteResponse, type Router } from '../router.js';
import { executeChannelWebhook } from './webhook-routes.js';

/** Interaction tokens stay valid for followups for 15 minutes, as on Discord. */
const TOKEN_LIFETIME = 15 * 60 * 1000;

function byToken(world: World, applicationId: string, token: string): InteractionRecord {
  const record = world.interactionsByToken.get(token);
  if (
    !record ||
    applicationId !== world.settings.applicationId ||
    Date.now() - record.createdAt > TOKEN_LIFETIME
  ) {
    throw unknown('webhook');
  }
  return record;
}

function webhookMessage(world: World, record: InteractionRecord, messageId: string) {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  const message = id ? world.records.messageIndex.get(id) : undefined;
  if (!message || message.channel_id !== record.channelId) throw unknown('message');
  return message;
}

/** Interaction callbacks and the interaction webhook (`@original`, followups). */
export function registerInteractionRoutes(router: Router, world: World): void {
  router.on(
    'POST',
    '/interactions/:interaction_id/:interaction_token/callback',
    ({ params, body, files, query }) => {
      const record = findInteraction(
        world,
        params.interaction_id ?? '',
        params.interaction_token ?? '',
      );
      const callback = (body ?? {}) as CallbackBody;
      const message = respond(world, record, callback, files);
      if (query.get('with_response') !== 'true') return undefined;
      const loading = callback.type === InteractionResponseType.DeferredChannelMessageWithSource;
      return new RouteResponse(200, {
        interaction: {
          id: record.id,
          type: record.payload.type,
          activity_instance_id: null,
          response_message_id: message?.id ?? null,
          response_message_loading: loading,
          response_message_ephemeral: ((message?.flags ?? 0) & 64) !== 0,
        },
        ...(message ? { resource: { type: callback.type, message } } : {}),
      });
    },
    false,
  );

  router.on(
    'POST',
    '/webhooks/:application_id/:token',
    (request) => {
      // The same path executes channel webhooks (id + token of a webhook, not an interaction).
      const channelHook = executeChannelWebhook(world, request);
      if (channelHook.handled) return channelHook.result;
      const { params, body, files } = request;
      const record = byToken(world, params.application_id ?? '', params.token ?? '');
      if (record.responseType === null) throw unknown('webhook');
      const input = (body ?? {}) as MessageInput;
      // A followup after deferReply() (not yet edited) replaces the placeholder, as on Discord.
      const original = record.originalMessageId
        ? world.records.messageIndex.get(record.originalMessageId)
        : undefined;
      if (original && ((original.flags ?? 0) & 128) !== 0) {
        return editMessage(
          world,
          original,
          { ...input, flags: input.flags ?? null },
          record.id,
          files,
        );
      }
      return interactionMessage(world, record, input, files);
    },
    false,
  );

  router.on(
    'GET',
    '/webhooks/:application_id/:token/messages/:message_id',
    ({ params }) => {
      const record = byToken(world, params.application_id ?? '', params.token ?? '');
      return webhookMessage(world, record, params.message_id ?? '');
    },
    false,
  );

  router.on(
    'PATCH',
    '/webhooks/:application_id/:token/messages/:message_id',
    ({ params, body, files }) => {
      const record = byToken(world, params.application_id ?? '', params.token ?? '');
      const message = webhookMessage(world, record, params.message_id ?? '');
      return editMessage(world, message, (body ?? {}) as MessageInput, record.id, files);
    },
    false,
  );

  router.on(
    'DELETE',
    '/webhooks/:application_id/:token/messages/:message_id',
    ({ params }) => {
      const record = byToken(world, params.application_id ?? '', params.token ?? '');
      deleteMessage(world, webhookMessage(world, record, params.message_id ?? ''));
      return undefined;
    },
    false,
  );
}
