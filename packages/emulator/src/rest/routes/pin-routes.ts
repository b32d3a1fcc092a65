import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { StoredMessage } from '../../state/records.js';
import { channelMessages, findMessage } from '../../world/messages.js';
import type { World } from '../../world/world.js';
import { invalidFormBody } from '../discord-error.js';
import type { RouteRequest, Router } from '../router.js';

/** When each pinned message was pinned, per world (message id → ISO time). */
const pinnedAtOf = new WeakMap<World, Map<string, string>>();

function pinTimes(world: World): Map<string, string> {
  let times = pinnedAtOf.get(world);
  if (!times) {
    times = new Map();
    pinnedAtOf.set(world, times);
  }
  return times;
}

/** The pinned messages of a channel, most recently pinned first, with their pin times. */
function pinsOf(world: World, channelId: string): { pinned_at: string; message: StoredMessage }[] {
  const times = pinTimes(world);
  return channelMessages(world, channelId)
    .filter((message) => message.pinned && times.has(message.id))
    .map((message) => ({ pinned_at: times.get(message.id) ?? '', message }))
    .sort((a, b) => b.pinned_at.localeCompare(a.pinned_at));
}

function setPinned(world: World, request: RouteRequest, pinned: boolean): undefined {
  const channel = world.channel(request.params.channel_id ?? '');
  // Discord lets Manage Messages (or the newer Pin Messages) pin; the emulator checks the former.
  world.requireChannelPermissions(channel, P.ManageMessages);
  const message = findMessage(world, channel.id, request.params.message_id ?? '');
  if (message.pinned === pinned) return undefined;
  message.pinned = pinned;
  if (pinned) pinTimes(world).set(message.id, new Date().toISOString());
  else pinTimes(world).delete(message.id);
  const latest = pinsOf(world, channel.id)[0]?.pinned_at ?? null;
  world.dispatch(
    'CHANNEL_PINS_UPDATE',
    {
      channel_id: channel.id,
      last_pin_timestamp: latest,
      ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
    },
    channel.guild_id,
  );
  world.notifyChange();
  return undefined;
}

/**
 * Pins: the current routes (`/messages/pins`, paginated with `pinned_at`, what `fetchPins()`
 * asks for) and the deprecated ones (`/pins`, a plain list, what `fetchPinned()` asks for).
 * Registered before the message routes so `pins` is never taken for a message id.
 */
export function registerPinRoutes(router: Router, world: World): void {
  router.on('GET', '/channels/:channel_id/messages/pins', ({ params, query }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ReadMessageHistory);
    const limit = Number(query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      throw invalidFormBody({
        limit: {
          _errors: [
            { code: 'NUMBER_TYPE_MAX', message: 'Int should be less than or equal to 50.' },
          ],
        },
      });
    }
    const before = query.get('before');
    const all = pinsOf(world, channel.id).filter((pin) => !before || pin.pinned_at < before);
    return { items: all.slice(0, limit), has_more: all.length > limit };
  });
  router.on('GET', '/channels/:channel_id/pins', ({ params }) => {
    const channel = world.channel(params.channel_id ?? '');
    world.requireChannelPermissions(channel, P.ReadMessageHistory);
    return pinsOf(world, channel.id).map((pin) => pin.message);
  });
  for (const base of ['/channels/:channel_id/messages/pins', '/channels/:channel_id/pins']) {
    router.on('PUT', `${base}/:message_id`, (request) => setPinned(world, request, true));
    router.on('DELETE', `${base}/:message_id`, (request) => setPinned(world, request, false));
  }
}
