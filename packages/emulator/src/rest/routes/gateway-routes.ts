import { dmChannel } from '../../world/channels.js';
import { removeBot } from '../../world/guilds.js';
import type { World } from '../../world/world.js';
import type { Router } from '../router.js';

/** The application object (`GET /applications/@me`). */
function application(world: World) {
  return {
    id: world.settings.applicationId,
    name: world.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot: world.botUser,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    team: null,
    flags: 0,
    approximate_guild_count: [...world.records.guilds.values()].filter((guild) => guild.botJoined)
      .length,
    integration_types_config: { '0': {} },
  };
}

/** Gateway discovery, the bot's own user and application, DMs, and leaving guilds. */
export function registerGatewayRoutes(router: Router, world: World): void {
  router.on('GET', '/gateway', () => ({ url: world.gatewayUrl }), false);
  router.on('GET', '/gateway/bot', () => ({
    url: world.gatewayUrl,
    shards: 1,
    session_start_limit: {
      total: 1000,
      remaining: 999,
      reset_after: 86_400_000,
      // As for large bots: shards identify in parallel instead of 5 s apart.
      max_concurrency: 16,
    },
  }));
  router.on('GET', '/users/@me', () => world.botUser);
  router.on('GET', '/users/:user_id', ({ params }) => world.user(params.user_id ?? ''));
  router.on('GET', '/applications/@me', () => application(world));
  router.on('GET', '/oauth2/applications/@me', () => application(world));
  router.on('POST', '/users/@me/channels', ({ body }) => {
    const recipient = (body as { recipient_id?: string } | undefined)?.recipient_id ?? '';
    world.user(recipient);
    return dmChannel(world, recipient);
  });
  router.on('GET', '/users/@me/guilds', () =>
    [...world.records.guilds.values()]
      .filter((guild) => guild.botJoined)
      .map((guild) => ({
        id: guild.id,
        name: guild.name,
        icon: null,
        owner: false,
        permissions: '0',
        features: [],
      })),
  );
  router.on('DELETE', '/users/@me/guilds/:guild_id', ({ params }) => {
    removeBot(world, world.guild(params.guild_id ?? ''));
    return undefined;
  });
}
