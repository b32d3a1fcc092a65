// What a fresh worker's discord.js needs to come up without a new IDENTIFY: per shard the latest
// READY, and per guild a GUILD_CREATE kept current (guild-snapshot.ts).
//
// When what is applied: READY and GUILD_CREATE replace state, so they are applied as soon as the
// supervisor receives them. Every other event patches state and is applied when a worker has
// consumed it (or the buffer dropped it), so a snapshot never already contains an event that
// will still be delivered after it (the worker would count a member twice, or miss a
// `channelCreate` because the channel was already there).
import type {
  GatewayDispatchPayload,
  GatewayGuildCreateDispatchData,
  GatewayReadyDispatchData,
} from 'discord-api-types/v10';
import {
  DispatchEvents as GatewayDispatchEvents,
  Opcodes as GatewayOpcodes,
} from '../gateway-constants.js';
import { GuildSnapshot, type Json } from './guild-snapshot.js';

/** One shard's session as READY described it. */
interface ShardSession {
  ready: GatewayReadyDispatchData;
  /** Guilds READY listed whose GUILD_CREATE has not arrived yet. */
  awaiting: Set<string>;
  /** Every awaited GUILD_CREATE arrived (or the wait timed out). */
  bootstrapped: boolean;
  /** The last gateway sequence number seen on the shard. */
  lastS: number;
}

/** Synthesized session state for one shard: the READY data, then the frames that follow it. */
export interface ShardSnapshot {
  ready: GatewayReadyDispatchData;
  frames: GatewayDispatchPayload[];
}

/** The guild an event is about, if any (for superseding pending patches). */
export function guildIdOf(payload: GatewayDispatchPayload): string | undefined {
  const d = payload.d as unknown as Json | null;
  if (d === null || typeof d !== 'object') return undefined;
  if (typeof d.guild_id === 'string') return d.guild_id;
  if (payload.t.startsWith('GUILD_') && typeof d.id === 'string') return d.id;
  return undefined;
}

/** The session and guild state of every shard the supervisor holds. */
export class StateCache {
  readonly #sessions = new Map<number, ShardSession>();
  readonly #guilds = new Map<string, GuildSnapshot>();

  /** Whether a shard has a READY and all its guilds (a snapshot can be made). */
  public isBootstrapped(shardId: number): boolean {
    return this.#sessions.get(shardId)?.bootstrapped === true;
  }

  /** Ends the wait for a shard's outstanding GUILD_CREATEs (they stay unavailable). */
  public finishBootstrap(shardId: number): void {
    const session = this.#sessions.get(shardId);
    if (session) session.bootstrapped = true;
  }

  /** Counts for `stats()`. */
  public counts(): { guilds: number; members: number } {
    let members = 0;
    for (const guild of this.#guilds.values()) members += guild.cachedMembers;
    return { guilds: this.#guilds.size, members };
  }

  /** Guild ids on a shard. */
  public guildIds(shardId: number): string[] {
    return [...this.#guilds.values()].filter((g) => g.shardId === shardId).map((g) => g.id);
  }

  /** Records the gateway sequence number of a frame. */
  public see(shardId: number, s: number): void {
    const session = this.#sessions.get(shardId);
    if (session && s > session.lastS) session.lastS = s;
  }

  /**
   * READY arrived: a new session for the shard. Guilds of the shard that READY does not list are
   * gone; the listed ones are awaited (their GUILD_CREATE replaces what is kept).
   */
  public onReady(shardId: number, ready: GatewayReadyDispatchData, s: number): void {
    const listed = new Set(ready.guilds.map((guild) => guild.id));
    for (const guild of [...this.#guilds.values()]) {
      if (guild.shardId === shardId && !listed.has(guild.id)) this.#guilds.delete(guild.id);
    }
    this.#sessions.set(shardId, {
      ready,
      awaiting: listed,
      bootstrapped: listed.size === 0,
      lastS: s,
    });
  }

  /**
   * GUILD_CREATE arrived: replaces the guild. Returns true when it was one READY listed and still
   * awaited (part of the session's bootstrap), false for a join or an outage ending.
   */
  public onGuildCreate(shardId: number, data: Json): boolean {
    const id = data.id as string;
    this.#guilds.set(id, new GuildSnapshot(data, shardId));
    const session = this.#sessions.get(shardId);
    const awaited = session?.awaiting.delete(id) === true;
    if (session && session.awaiting.size === 0) session.bootstrapped = true;
    return awaited;
  }

  /**
   * GUILD_DELETE arrived. When READY listed the guild and it is still awaited, this is Discord
   * saying the guild is in an outage at login: part of the bootstrap, applied now (returns true).
   * Any other GUILD_DELETE is a patch applied on consumption (returns false).
   */
  public onGuildDelete(shardId: number, id: string): boolean {
    const session = this.#sessions.get(shardId);
    if (session?.awaiting.delete(id) !== true) return false;
    const guild = this.#guilds.get(id) ?? new GuildSnapshot({ id }, shardId);
    guild.unavailable = true;
    this.#guilds.set(id, guild);
    if (session.awaiting.size === 0) session.bootstrapped = true;
    return true;
  }

  /** Marks a guild as announced to a worker by the GUILD_CREATE with this relay seq. */
  public markPendingCreate(guildId: string, seq: number): void {
    const guild = this.#guilds.get(guildId);
    if (guild) guild.pendingCreateSeq = seq;
  }

  /**
   * A worker consumed (or the buffer dropped) a streamed event: apply it, unless it was applied
   * on arrival (`applied`).
   */
  public consume(
    shardId: number,
    seq: number,
    payload: GatewayDispatchPayload,
    applied: boolean,
  ): void {
    if (payload.t === GatewayDispatchEvents.GuildCreate) {
      const guild = this.#guilds.get(payload.d.id);
      if (guild?.pendingCreateSeq === seq) guild.pendingCreateSeq = 0;
      return;
    }
    if (!applied) this.apply(shardId, payload);
  }

  /** Applies a patch event to the session or guild it concerns. */
  public apply(shardId: number, payload: GatewayDispatchPayload): void {
    switch (payload.t) {
      case GatewayDispatchEvents.UserUpdate: {
        const session = this.#sessions.get(shardId);
        if (session) session.ready = { ...session.ready, user: payload.d };
        return;
      }
      case GatewayDispatchEvents.GuildDelete: {
        const guild = this.#guilds.get(payload.d.id);
        if (payload.d.unavailable === true) {
          if (guild) guild.unavailable = true;
        } else {
          this.#guilds.delete(payload.d.id);
        }
        return;
      }
      default: {
        const guildId = guildIdOf(payload);
        if (guildId !== undefined) this.#guilds.get(guildId)?.apply(payload);
      }
    }
  }

  /**
   * The session state a new worker starts from for one shard, or undefined before the shard's
   * first READY: the READY (listing every guild as unavailable, as Discord does), then a
   * GUILD_CREATE per available guild and a GUILD_DELETE (`unavailable`) per guild in an outage,
   * so discord.js does not wait for it. Guilds with a streamed, unacknowledged GUILD_CREATE are
   * left out: that GUILD_CREATE will introduce them.
   */
  public snapshot(shardId: number): ShardSnapshot | undefined {
    const session = this.#sessions.get(shardId);
    if (!session) return undefined;
    const guilds = [...this.#guilds.values()].filter(
      (guild) => guild.shardId === shardId && guild.pendingCreateSeq === 0,
    );
    const ready: GatewayReadyDispatchData = {
      ...session.ready,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    };
    const s = session.lastS;
    const frames: GatewayDispatchPayload[] = [
      { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Ready, s, d: ready },
    ];
    for (const guild of guilds) {
      frames.push(
        guild.unavailable
          ? {
              op: GatewayOpcodes.Dispatch,
              t: GatewayDispatchEvents.GuildDelete,
              s,
              d: { id: guild.id, unavailable: true },
            }
          : {
              op: GatewayOpcodes.Dispatch,
              t: GatewayDispatchEvents.GuildCreate,
              s,
              // Rebuilt from the payload this guild was created from, patched field by field.
              d: guild.toGuildCreate() as unknown as GatewayGuildCreateDispatchData,
            },
      );
    }
    return { ready, frames };
  }
}
