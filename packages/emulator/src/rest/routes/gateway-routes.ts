import type { APIUser } from 'discord-api-types/v10';
import { makeUser } from '../../state/serialize.js';
import { dmChannel } from '../../world/channels.js';
import { removeBot } from '../../world/guilds.js';
import type { World } from '../../world/world.js';
import type { Router } from '../router.js';

/**
 * The application's owner: the first human user of the world (the developer who made the
 * guild, in `zoryx dev` and `createTestBot`), or a "developer" user created on first need, so
 * `client.application.owner` is never null as it never is on Discord.
 */
function applicationOwner(world: World): APIUser {
  for (const user of world.records.users.values()) if (!user.bot) return user;
  const owner = makeUser(world.ids.next(), 'developer', false);
  world.records.users.set(owner.id, owner);
  return owner;
}

/** The application object (`GET /applications/@me`), every field Discord's schema requires. */
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
    owner: applicationOwner(world),
    team: null,
    flags: 0,
    flags_new: '0',
    redirect_uris: [],
    interactions_endpoint_url: null,
    role_connections_verification_url: null,
    approximate_guild_count: [...world.records.guilds.values()].filter((guild) => guild.botJoined)
      .length,
    approximate_user_install_count: 0,
    approximate_user_authorization_count: 0,
    explicit_content_filter: 0,
    eligible_oauth2_scopes: ['bot', 'applications.commands'],
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
  // `/users/@me` is the bot's own account: the PII fields come with it, as on Discord.
  router.on('GET', '/users/@me', () => ({
    ...world.botUser,
    verified: true,
    mfa_enabled: false,
    locale: 'en-US',
    email: null,
  }));
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
