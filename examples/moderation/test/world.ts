import type {
  BotMessage,
  ChannelHandle,
  Emulator,
  GuildHandle,
  RoleHandle,
  UserHandle,
} from '@zoryx/emulator';

/** A guild with a role hierarchy to moderate in. */
export interface ModerationWorld {
  readonly guild: GuildHandle;
  readonly general: ChannelHandle;
  /** The guild owner (no roles, above everyone anyway). */
  readonly owner: UserHandle;
  /** Moderator: Ban, Kick and Moderate Members. */
  readonly alice: UserHandle;
  /** Helper: a role without moderation permissions. */
  readonly carol: UserHandle;
  /** Senior: a role above the moderator role (no permissions). */
  readonly sam: UserHandle;
  /** VIP: a role above the bot's own role. */
  readonly vic: UserHandle;
  /** Plain members to act on. */
  readonly bob: UserHandle;
  readonly dave: UserHandle;
  readonly erin: UserHandle;
  readonly frank: UserHandle;
  readonly roles: {
    readonly senior: RoleHandle;
    readonly mod: RoleHandle;
    readonly vip: RoleHandle;
  };
}

/**
 * Builds the guild. `createRole` places each new role just above `@everyone`, so roles are
 * created from the highest down: senior > mod > helper, all below the bot's role; vip is then
 * moved above the bot's role.
 */
export function createModerationWorld(discord: Emulator): ModerationWorld {
  const user = (username: string) => discord.createUser({ username });
  const owner = user('owner');
  const guild = discord.createGuild({ name: 'Moderated', owner });
  const general = guild.createChannel({ name: 'general' });
  const senior = guild.createRole({ name: 'Senior' });
  const mod = guild.createRole({
    name: 'Mod',
    permissions: ['BanMembers', 'KickMembers', 'ModerateMembers'],
  });
  const helper = guild.createRole({ name: 'Helper', permissions: ['ManageMessages'] });
  const vip = guild.createRole({ name: 'VIP' });
  vip.setPosition(guild.botRole.raw.position + 1);
  const members = {
    alice: user('alice'),
    carol: user('carol'),
    sam: user('sam'),
    vic: user('vic'),
    bob: user('bob'),
    dave: user('dave'),
    erin: user('erin'),
    frank: user('frank'),
  };
  guild.addMember(members.alice, { roles: [mod] });
  guild.addMember(members.carol, { roles: [helper] });
  guild.addMember(members.sam, { roles: [senior] });
  guild.addMember(members.vic, { roles: [vip] });
  for (const plain of [members.bob, members.dave, members.erin, members.frank]) {
    guild.addMember(plain);
  }
  return { guild, general, owner, ...members, roles: { senior, mod, vip } };
}

/** The description of a bot message's first embed. */
export function text(message: BotMessage): string {
  return message.embeds[0]?.description ?? '';
}

/** The custom id of the button of a bot message whose id starts with `prefix`. */
export function buttonId(message: BotMessage, prefix: string): string {
  const rows = message.components as { components?: { custom_id?: string }[] }[];
  const id = rows
    .flatMap((row) => row.components ?? [])
    .map((c) => c.custom_id)
    .find((customId) => customId?.startsWith(prefix));
  if (!id) throw new Error(`no button starting with ${prefix} on message ${message.id}`);
  return id;
}
