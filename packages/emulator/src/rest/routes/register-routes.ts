import type { World } from '../../world/world.js';
import type { Router } from '../router.js';
import { registerAutoModRoutes } from './automod-routes.js';
import { registerCommandRoutes } from './command-routes.js';
import { registerExpressionRoutes } from './expression-routes.js';
import { registerGatewayRoutes } from './gateway-routes.js';
import { registerGuildRoutes } from './guild-routes.js';
import { registerInteractionRoutes } from './interaction-routes.js';
import { registerMemberRoutes } from './member-routes.js';
import { registerMessageRoutes } from './message-routes.js';
import { registerBearerRoutes, registerOAuth2Routes } from './oauth2-routes.js';
import { registerReactionRoutes } from './reaction-routes.js';
import { registerRolePositionRoutes } from './role-position-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';

/** Registers every REST route the emulator serves (OAuth2 bearer-token routes on `bearer`). */
export function registerRoutes(router: Router, world: World, bearer?: Router): void {
  registerOAuth2Routes(router, world);
  if (bearer) registerBearerRoutes(bearer, world);
  registerGatewayRoutes(router, world);
  registerMessageRoutes(router, world);
  registerReactionRoutes(router, world);
  registerInteractionRoutes(router, world);
  registerCommandRoutes(router, world);
  registerGuildRoutes(router, world);
  registerMemberRoutes(router, world);
  registerExpressionRoutes(router, world);
  registerRolePositionRoutes(router, world);
  registerAutoModRoutes(router, world);
  registerWebhookRoutes(router, world);
}
