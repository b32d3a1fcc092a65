// One guild as its GUILD_CREATE said, kept current by the events that change what a GUILD_CREATE
// carries, so a new worker can be handed an up-to-date GUILD_CREATE instead of the stale one (or
// a re-IDENTIFY). Keyed maps make each patch O(1); the payload is rebuilt on demand.
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { DispatchEvents as GatewayDispatchEvents } from '../gateway-constants.js';

/** A gateway object as JSON (channel, role, member…): kept as received, never mutated. */
export type Json = Record<string, unknown>;

// Thread channel types (announcement, public and private threads): kept apart as GUILD_CREATE does.
const THREAD_TYPES = new Set([10, 11, 12]);

/** The fields of a GUILD_CREATE that are collections, rebuilt from the maps below. */
const COLLECTIONS = [
  'channels',
  'threads',
  'roles',
  'members',
  'emojis',
  'stickers',
  'presences',
  'voice_states',
  'stage_instances',
  'guild_scheduled_events',
  'soundboard_sounds',
] as const;

function byKey(list: unknown, key: (item: Json) => unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  if (!Array.isArray(list)) return map;
  for (const item of list as Json[]) {
    const id = key(item);
    if (typeof id === 'string') map.set(id, item);
  }
  return map;
}

const idOf = (item: Json) => item.id;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const userIdOf = (item: Json) => (item.user as Json | undefined)?.id;
const withoutGuildId = ({ guild_id: _ignored, ...rest }: Json): Json => rest;

/** The state of one guild a new worker needs, patched event by event. */
export class GuildSnapshot {
  /** The shard the guild is on. */
  public readonly shardId: number;
  /** During an outage (GUILD_DELETE with `unavailable`); the rest is the last known state. */
  public unavailable = false;
  /**
   * The relay seq of a GUILD_CREATE for this guild that was streamed to a worker and not yet
   * acknowledged (0: none). Such a guild is left out of snapshots, so the worker learns of it
   * from that GUILD_CREATE (and emits `guildCreate`) instead of twice.
   */
  public pendingCreateSeq = 0;
  #base: Json;
  readonly #channels: Map<string, Json>;
  readonly #threads: Map<string, Json>;
  #roles: Map<string, Json>;
  readonly #members: Map<string, Json>;
  #emojis: unknown[];
  #stickers: unknown[];
  readonly #presences: Map<string, Json>;
  readonly #voiceStates: Map<string, Json>;
  readonly #stageInstances: Map<string, Json>;
  readonly #scheduledEvents: Map<string, Json>;
  #soundboardSounds: Map<string, Json>;

  /** Starts from a GUILD_CREATE payload (`d`). */
  public constructor(data: Json, shardId: number) {
    this.shardId = shardId;
    const base: Json = { ...data };
    for (const key of COLLECTIONS) delete base[key];
    this.#base = base;
    this.#channels = byKey(data.channels, idOf);
    this.#threads = byKey(data.threads, idOf);
    this.#roles = byKey(data.roles, idOf);
    this.#members = byKey(data.members, userIdOf);
    this.#emojis = Array.isArray(data.emojis) ? data.emojis : [];
    this.#stickers = Array.isArray(data.stickers) ? data.stickers : [];
    this.#presences = byKey(data.presences, userIdOf);
    this.#voiceStates = byKey(data.voice_states, (item) => item.user_id);
    this.#stageInstances = byKey(data.stage_instances, idOf);
    this.#scheduledEvents = byKey(data.guild_scheduled_events, idOf);
    this.#soundboardSounds = byKey(data.soundboard_sounds, (item) => item.sound_id);
  }

  /** The guild's id. */
  public get id(): string {
    return this.#base.id as string;
  }

  /** How many members are cached here (not `member_count`, which counts them all). */
  public get cachedMembers(): number {
    return this.#members.size;
  }

  /** A GUILD_CREATE payload (`d`) of the current state. */
  public toGuildCreate(): Json {
    return {
      ...this.#base,
      unavailable: false,
      channels: [...this.#channels.values()],
      threads: [...this.#threads.values()],
      roles: [...this.#roles.values()],
      members: [...this.#members.values()],
      emojis: this.#emojis,
      stickers: this.#stickers,
      presences: [...this.#presences.values()],
      voice_states: [...this.#voiceStates.values()],
      stage_instances: [...this.#stageInstances.values()],
      guild_scheduled_events: [...this.#scheduledEvents.values()],
      soundboard_sounds: [...this.#soundboardSounds.values()],
    };
  }

  /**
   * Applies an event that changes this guild. Returns false for events that carry no GUILD_CREATE
   * state (messages, interactions, bans…). GUILD_CREATE and GUILD_DELETE are the cache's.
   */
  public apply(payload: GatewayDispatchPayload): boolean {
    const E = GatewayDispatchEvents;
    const d = payload.d as unknown as Json;
    switch (payload.t) {
      case E.GuildUpdate:
        this.#patchGuild(d);
        return true;
      case E.ChannelCreate:
      case E.ChannelUpdate:
      case E.ThreadCreate:
      case E.ThreadUpdate:
        this.#upsertChannel(withoutGuildId(d));
        return true;
      case E.ChannelDelete:
      case E.ThreadDelete:
        this.#deleteChannel(d.id as string);
        return true;
      case E.ChannelPinsUpdate:
        return this.#patchChannel(d.channel_id as string, {
          last_pin_timestamp: d.last_pin_timestamp,
        });
      case E.MessageCreate:
        // discord.js caches a message author's member; so does the snapshot (not webhooks).
        if (isRecord(d.member) && isRecord(d.author) && d.webhook_id === undefined) {
          this.#upsertMember({ ...d.member, user: d.author }, 0);
        }
        return this.#patchChannel(d.channel_id as string, { last_message_id: d.id });
      case E.InteractionCreate: {
        if (!isRecord(d.member) || !isRecord(d.member.user)) return false;
        // `permissions` is the member's in that channel, not a member field.
        const { permissions: _permissions, ...member } = d.member;
        this.#upsertMember(member, 0);
        return true;
      }
      case E.ThreadListSync:
        this.#syncThreads(d);
        return true;
      case E.ThreadMembersUpdate:
        return this.#patchChannel(d.id as string, { member_count: d.member_count });
      case E.GuildRoleCreate:
      case E.GuildRoleUpdate: {
        const role = d.role as Json;
        this.#roles.set(role.id as string, role);
        return true;
      }
      case E.GuildRoleDelete:
        this.#deleteRole(d.role_id as string);
        return true;
      case E.GuildEmojisUpdate:
        this.#emojis = d.emojis as unknown[];
        return true;
      case E.GuildStickersUpdate:
        this.#stickers = d.stickers as unknown[];
        return true;
      case E.GuildMemberAdd:
        this.#upsertMember(withoutGuildId(d), 1);
        return true;
      case E.GuildMemberUpdate:
        this.#upsertMember(withoutGuildId(d), 0);
        return true;
      case E.GuildMemberRemove:
        this.#removeMember((d.user as Json).id as string);
        return true;
      case E.GuildMembersChunk:
        for (const member of d.members as Json[]) this.#upsertMember(member, 0);
        for (const presence of (d.presences as Json[] | undefined) ?? [])
          this.#setPresence(presence);
        return true;
      case E.PresenceUpdate:
        this.#setPresence(withoutGuildId(d));
        return true;
      case E.VoiceStateUpdate:
        if (d.channel_id === null) this.#voiceStates.delete(d.user_id as string);
        else this.#voiceStates.set(d.user_id as string, withoutGuildId(d));
        return true;
      case E.StageInstanceCreate:
      case E.StageInstanceUpdate:
        this.#stageInstances.set(d.id as string, d);
        return true;
      case E.StageInstanceDelete:
        this.#stageInstances.delete(d.id as string);
        return true;
      case E.GuildScheduledEventCreate:
      case E.GuildScheduledEventUpdate:
        this.#scheduledEvents.set(d.id as string, d);
        return true;
      case E.GuildScheduledEventDelete:
        this.#scheduledEvents.delete(d.id as string);
        return true;
      case E.GuildSoundboardSoundCreate:
      case E.GuildSoundboardSoundUpdate:
        this.#soundboardSounds.set(d.sound_id as string, withoutGuildId(d));
        return true;
      case E.GuildSoundboardSoundDelete:
        this.#soundboardSounds.delete(d.sound_id as string);
        return true;
      case E.GuildSoundboardSoundsUpdate:
        this.#soundboardSounds = byKey(d.soundboard_sounds, (item) => item.sound_id);
        return true;
      default:
        return false;
    }
  }

  #patchGuild(d: Json): void {
    // GUILD_UPDATE carries the guild object: roles, emojis and stickers replace ours.
    const { roles, emojis, stickers, ...fields } = d;
    this.#base = { ...this.#base, ...fields };
    for (const key of COLLECTIONS) delete this.#base[key];
    if (Array.isArray(roles)) this.#roles = byKey(roles, idOf);
    if (Array.isArray(emojis)) this.#emojis = emojis;
    if (Array.isArray(stickers)) this.#stickers = stickers;
  }

  #upsertChannel(channel: Json): void {
    const id = channel.id as string;
    const isThread = THREAD_TYPES.has(channel.type as number);
    if (!isThread) {
      this.#channels.set(id, { ...this.#channels.get(id), ...channel });
      return;
    }
    // GUILD_CREATE lists active threads only.
    const metadata = channel.thread_metadata as Json | undefined;
    if (metadata?.archived === true) this.#threads.delete(id);
    else this.#threads.set(id, { ...this.#threads.get(id), ...channel });
  }

  #deleteChannel(id: string): void {
    this.#channels.delete(id);
    this.#threads.delete(id);
    for (const [threadId, thread] of this.#threads) {
      if (thread.parent_id === id) this.#threads.delete(threadId);
    }
  }

  #patchChannel(id: string, fields: Json): boolean {
    const channel = this.#channels.get(id);
    if (channel) {
      this.#channels.set(id, { ...channel, ...fields });
      return true;
    }
    const thread = this.#threads.get(id);
    if (thread) this.#threads.set(id, { ...thread, ...fields });
    return thread !== undefined;
  }

  #syncThreads(d: Json): void {
    // Without channel_ids the sync covers the whole guild; with them, only those parents.
    const parents = Array.isArray(d.channel_ids) ? new Set(d.channel_ids as string[]) : null;
    for (const [id, thread] of this.#threads) {
      if (parents === null || parents.has(thread.parent_id as string)) this.#threads.delete(id);
    }
    for (const thread of d.threads as Json[]) this.#upsertChannel(withoutGuildId(thread));
  }

  #deleteRole(roleId: string): void {
    this.#roles.delete(roleId);
    for (const [userId, member] of this.#members) {
      const roles = member.roles as string[] | undefined;
      if (roles?.includes(roleId)) {
        this.#members.set(userId, { ...member, roles: roles.filter((id) => id !== roleId) });
      }
    }
  }

  #upsertMember(member: Json, countChange: number): void {
    const userId = userIdOf(member) as string;
    this.#members.set(userId, { ...this.#members.get(userId), ...member });
    if (countChange !== 0) this.#addToCount(countChange);
  }

  #removeMember(userId: string): void {
    this.#members.delete(userId);
    this.#presences.delete(userId);
    this.#addToCount(-1);
  }

  #addToCount(change: number): void {
    if (typeof this.#base.member_count === 'number') {
      this.#base = { ...this.#base, member_count: this.#base.member_count + change };
    }
  }

  #setPresence(presence: Json): void {
    const userId = userIdOf(presence) as string;
    // GUILD_CREATE leaves offline members out of `presences`.
    if (presence.status === 'offline') this.#presences.delete(userId);
    else this.#presences.set(userId, presence);
  }
}
