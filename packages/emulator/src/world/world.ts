import type { APIUser } from 'discord-api-types/v10';
import { GatewayServer } from '../gateway/gateway-server.js';
import { ALL_INTENTS, PRIVILEGED_INTENTS } from '../gateway/intents.js';
import { missingAccess, missingPermissions, unknown } from '../rest/discord-error.js';
import type { RequestRecord } from '../rest/request-log.js';
import { SnowflakeGenerator } from '../snowflake.js';
import { BoundedLog } from '../state/bounded-log.js';
import { channelPermissions, guildPermissions, hasPermissions } from '../state/permissions.js';
import type { ChannelRecord, GuildRecord, WorldRecords } from '../state/records.js';
import { guildCreatePayload, makeUser } from '../state/serialize.js';
import type { InteractionRecord } from './interaction-record.js';
import { membersChunk } from './member-chunks.js';
import { OutputLog } from './outputs.js';
import { voiceStatesPayload } from './voice-states.js';

/** How many REST requests the world's log (`discord.requests()`) keeps; the oldest are dropped. */
export const REQUEST_LOG_LIMIT = 10_000;

/** Settings the world runs with (the resolved `EmulatorOptions`). */
export interface WorldSettings {
  token: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
  heartbeatInterval: number;
  privilegedIntents: number;
  interactionAckTimeout: number | false;
  /** Dispatches kept per gateway session for RESUME. */
  resumeBacklog: number;
  /** How long a session without a socket stays resumable, ms. */
  resumeWindowMs: number;
}

/**
 * The emulated Discord: every record, the gateway, the bot's outputs and the REST log. REST
 * routes and the test API both change the world through the action modules next to this one.
 */
export class World {
  /** The id generator of every entity (the one that made the bot's id, so none repeats it). */
  public readonly ids: SnowflakeGenerator;
  /** Every entity by id. */
  public readonly records: WorldRecords = {
    users: new Map(),
    guilds: new Map(),
    channels: new Map(),
    messages: new Map(),
    messageIndex: new Map(),
    globalCommands: new Map(),
  };
  /** The resolved options. */
  public readonly settings: WorldSettings;
  /** The bot's own user. */
  public readonly botUser: APIUser;
  /** The gateway server, for dispatches. */
  public readonly gateway: GatewayServer;
  /** What the bot did that tests await. */
  public readonly outputs = new OutputLog();
  /** The REST log: the last {@link REQUEST_LOG_LIMIT} requests. */
  public readonly requests = new BoundedLog<RequestRecord>(REQUEST_LOG_LIMIT);
  /** Interactions by id. */
  public readonly interactions = new Map<string, InteractionRecord>();
  /** Interactions by token (for webhooks). */
  public readonly interactionsByToken = new Map<string, InteractionRecord>();
  /** `waitFor` checks, woken on every change. */
  public readonly changeListeners = new Set<() => void>();
  /** The gateway URL, known once the server listens. */
  public gatewayUrl = '';

  /**
   * Creates an empty world with only the bot user. Pass the generator that produced
   * `settings.botUserId`: a second generator restarts its sequence and, within the same
   * millisecond, hands out the bot's own id to the next user or guild.
   */
  public constructor(settings: WorldSettings, ids: SnowflakeGenerator = new SnowflakeGenerator()) {
    this.ids = ids;
    this.settings = settings;
    this.botUser = makeUser(settings.botUserId, settings.botUsername, true);
    this.records.users.set(this.botUser.id, this.botUser);
    this.gateway = new GatewayServer({
      token: settings.token,
      gatewayUrl: () => this.gatewayUrl,
      heartbeatInterval: settings.heartbeatInterval,
      resumeBacklog: settings.resumeBacklog,
      resumeWindowMs: settings.resumeWindowMs,
      privilegedIntents: settings.privilegedIntents & PRIVILEGED_INTENTS & ALL_INTENTS,
      readyData: () => ({
        user: { ...this.botUser, verified: true, mfa_enabled: false, email: null },
        application: { id: settings.applicationId, flags: 0 },
        auth: {},
      }),
      guildIds: () =>
        [...this.records.guilds.values()]
          .filter((guild) => guild.botJoined)
          .map((guild) => guild.id),
      guildCreate: (guildId, intents) => this.guildCreate(guildId, intents),
      membersChunk: (guildId, request) => membersChunk(this, guildId, request),
      onDispatch: () => this.notifyChange(),
    });
  }

  /** Wakes `waitFor` callers: something visible to the bot changed. */
  public notifyChange(): void {
    // Called several times per command: no copy while nobody waits (the usual case under load).
    if (this.changeListeners.size === 0) return;
    for (const listener of [...this.changeListeners]) listener();
  }

  /** The GUILD_CREATE payload of a guild for a session with `intents`. */
  public guildCreate(guildId: string, intents: number): unknown {
    const guild = this.guild(guildId);
    const payload = guildCreatePayload(
      guild,
      this.guildChannels(guild),
      this.records.users,
      this.botUser.id,
      (intents & 2) !== 0,
    );
    // Who is in voice right now, as Discord sends it (a restarted bot sees occupied channels).
    return { ...payload, voice_states: voiceStatesPayload(guild) };
  }

  /** A channel, or 404 Unknown Channel (10003). */
  public channel(id: string): ChannelRecord {
    const channel = this.records.channels.get(id);
    if (!channel) throw unknown('channel');
    return channel;
  }

  /** A guild the bot is in, or 404 Unknown Guild (10004). */
  public guild(id: string): GuildRecord {
    const guild = this.records.guilds.get(id);
    if (!guild) throw unknown('guild');
    return guild;
  }

  /** A user, or 404 Unknown User (10013). */
  public user(id: string): APIUser {
    const user = this.records.users.get(id);
    if (!user) throw unknown('user');
    return user;
  }

  /** The guild a channel belongs to, if it is a guild channel. */
  public guildOf(channel: ChannelRecord): GuildRecord | undefined {
    return channel.guild_id ? this.records.guilds.get(channel.guild_id) : undefined;
  }

  /** A thread's parent channel (whose overwrites apply to the thread). */
  public parentOf = (channel: ChannelRecord): ChannelRecord | undefined => {
    if (channel.type < 10 || channel.type > 12 || !channel.parent_id) return undefined;
    return this.records.channels.get(channel.parent_id);
  };

  /** A guild's channels in position order. */
  public guildChannels(guild: GuildRecord): ChannelRecord[] {
    return [...guild.channelIds]
      .map((id) => this.records.channels.get(id))
      .filter((channel): channel is ChannelRecord => channel !== undefined)
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  }

  /** A user's permissions in a channel (everything in DMs). */
  public permissionsIn(channel: ChannelRecord, userId: string): bigint {
    const guild = this.guildOf(channel);
    if (!guild) return (1n << 53n) - 1n;
    return channelPermissions(guild, userId, channel, this.parentOf);
  }

  /**
   * Throws what Discord answers when the bot lacks `required` in a channel: 50001 Missing Access
   * when it cannot even view the channel, 50013 Missing Permissions otherwise.
   */
  public requireChannelPermissions(channel: ChannelRecord, required: bigint): void {
    const guild = this.guildOf(channel);
    if (!guild) return;
    if (!guild.botJoined) throw missingAccess();
    const bits = this.permissionsIn(channel, this.botUser.id);
    if (!hasPermissions(bits, 1n << 10n)) throw missingAccess();
    if (!hasPermissions(bits, required)) throw missingPermissions();
  }

  /** Throws 50013 unless the bot has `required` guild-wide. */
  public requireGuildPermissions(guild: GuildRecord, required: bigint): void {
    if (!guild.botJoined) throw missingAccess();
    if (!hasPermissions(guildPermissions(guild, this.botUser.id), required)) {
      throw missingPermissions();
    }
  }

  /** Sends a gateway event (guild events only to sessions that may see the guild). */
  public dispatch(event: string, data: unknown, guildId?: string): void {
    if (guildId !== undefined && !this.records.guilds.get(guildId)?.botJoined) return;
    this.gateway.dispatch(event, data, { guildId });
  }
}
