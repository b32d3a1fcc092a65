import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { MessageInput } from '../../validation/message-rules.js';
import { validateMessage } from '../../validation/message-rules.js';
import {
  channelWebhooks,
  createWebhook,
  executeWebhook,
  findWebhook,
  serializeWebhook,
} from '../../world/webhooks.js';
import type { World } from '../../world/world.js';
import { invalidFormBody } from '../discord-error.js';
import type { RouteRequest, Router } from '../router.js';

/** Channel webhooks: create and list them (Manage Webhooks). Executing shares its path with interaction followups. */
export function registerWebhookRoutes(router: Router, world: World): void {
  router.on('POST', '/channels/:channel_id/webhooks', ({ params, body }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ManageWebhooks);
    const name = (body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 80) {
      throw invalidFormBody({
        name: {
          _errors: [
            { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 80 in length.' },
          ],
        },
      });
    }
    return serializeWebhook(world, createWebhook(world, channel, name));
  });
  router.on('GET', '/channels/:channel_id/webhooks', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ManageWebhooks);
    return channelWebhooks(world, channel.id).map((hook) => serializeWebhook(world, hook));
  });
}

/**
 * `POST /webhooks/:id/:token` for a channel webhook (no bot token needed), or `null` when the id
 * and token name no channel webhook (then they may be an interaction's). `?wait=true` answers
 * the message, otherwise 204.
 */
export function executeChannelWebhook(
  world: World,
  request: RouteRequest,
): { handled: boolean; result: unknown } {
  const hook = findWebhook(world, request.params.application_id ?? '', request.params.token ?? '');
  if (!hook) return { handled: false, result: undefined };
  const input = (request.body ?? {}) as MessageInput & { username?: string };
  validateMessage(input, true, request.files.length);
  const message = executeWebhook(world, hook, input);
  return { handled: true, result: request.query.get('wait') === 'true' ? message : undefined };
}
