import type { MembersRequest } from '../gateway/gateway-server.js';
import { serializeMember } from '../state/serialize.js';
import type { World } from './world.js';

/**
 * The GUILD_MEMBERS_CHUNK for an opcode 8 request: members by ids, or whose username or
 * nickname starts with `query` (all for `''`), up to `limit` (0 = no limit), in one chunk.
 */
export function membersChunk(world: World, guildId: string, request: MembersRequest): unknown {
  const guild = world.records.guilds.get(guildId);
  if (!guild?.botJoined) return null;
  const ids =
    request.user_ids === undefined
      ? null
      : Array.isArray(request.user_ids)
        ? request.user_ids
        : [request.user_ids];
  const query = (request.query ?? '').toLowerCase();
  const limit = request.limit && request.limit > 0 ? request.limit : Number.POSITIVE_INFINITY;
  const members = [...guild.members.values()].filter((member) => {
    if (ids) return ids.includes(member.userId);
    const user = world.records.users.get(member.userId);
    return [user?.username, user?.global_name, member.nick].some((name) =>
      name?.toLowerCase().startsWith(query),
    );
  });
  const found = members.slice(0, limit);
  return {
    guild_id: guildId,
    members: found.map((member) => serializeMember(member, world.user(member.userId))),
    chunk_index: 0,
    chunk_count: 1,
    ...(ids ? { not_found: ids.filter((id) => !guild.members.has(id)) } : {}),
    ...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
  };
}
