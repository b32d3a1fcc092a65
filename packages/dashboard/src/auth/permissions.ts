/** Bot-wide dashboard roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;

/** A bot-wide role. Users without one may still manage their own guilds (checked live). */
export type Role = (typeof ROLES)[number];

/** What a user is, for one request: a bot-wide role or only a guild manager. */
export type Principal = Role | 'guild-manager';

const VIEWER = ['owner', 'admin', 'operator', 'viewer'] as const;
const OPERATOR = ['owner', 'admin', 'operator'] as const;
const ADMIN = ['owner', 'admin'] as const;
const OWNER = ['owner'] as const;

/**
 * Every dashboard action and view is a named permission granted to a list of roles. Guild
 * managers hold none of them: their access is per guild, checked live on each request.
 */
export const PERMISSIONS = {
  'overview.view': VIEWER,
  'commands.view': VIEWER,
  'extensions.view': VIEWER,
  'hooks.view': VIEWER,
  'storage.view': VIEWER,
  'events.view': VIEWER,
  'system.view': VIEWER,
  'guilds.view': VIEWER,
  'hooks.resetBreaker': OPERATOR,
  'hooks.disable': OPERATOR,
  'hooks.enable': OPERATOR,
  'extensions.reload': OPERATOR,
  'extensions.load': ADMIN,
  'extensions.unload': ADMIN,
  'extensions.unquarantine': ADMIN,
  'extensions.configure': ADMIN,
  'audit.view': ADMIN,
  'audit.export': ADMIN,
  'sessions.view': ADMIN,
  'sessions.revoke': ADMIN,
  'storage.backup': ADMIN,
  'storage.restore': ADMIN,
  'guilds.leave': OWNER,
} as const satisfies Record<string, readonly Role[]>;

/** A named dashboard permission, e.g. `extensions.reload`. */
export type Permission = keyof typeof PERMISSIONS;

/** Whether `principal` holds `permission`. */
export function can(principal: Principal, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(principal);
}

/** The roles that hold `permission` (for the matrix test and the docs). */
export function rolesWith(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

/** Bot-wide role assignments from the config. */
export interface RoleAssignments {
  readonly admin: readonly string[];
  readonly operator: readonly string[];
  readonly viewer: readonly string[];
}

/**
 * The bot-wide role of `userId`, decided on every request (never cached in the session, so a
 * config change or an owner change applies at once): owners first, then the config lists.
 */
export function principalOf(
  userId: string,
  isOwner: (userId: string) => boolean,
  roles: RoleAssignments,
): Principal {
  if (isOwner(userId)) return 'owner';
  if (roles.admin.includes(userId)) return 'admin';
  if (roles.operator.includes(userId)) return 'operator';
  if (roles.viewer.includes(userId)) return 'viewer';
  return 'guild-manager';
}
