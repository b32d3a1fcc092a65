import { Events, Listener, type UnknownMessageCommandNamePayload } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { sendReply } from './replies.js';

/**
 * Takes the place of Sapphire's `CoreReady` listener (same piece name). Sapphire's version
 * registers application commands through its registries, which GETs every command on every
 * boot; ours hands over to the framework, which plans, hashes and syncs them itself.
 */
export class ReadyListener extends Listener<typeof Events.ClientReady> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.ClientReady, once: true });
  }

  public async run() {
    const { client } = this.container;
    client.id ??= client.user?.id ?? null;
    await runtimeOf(client)?.onReady();
  }
}

/** `guild_joined` when the bot is added to a guild. */
export class GuildJoinedListener extends Listener<typeof Events.GuildCreate> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.GuildCreate });
  }

  public run(guild: Guild) {
    runtimeOf(this.container.client)?.emit('guild_joined', {
      guildId: guild.id,
      name: guild.name,
      memberCount: guild.memberCount,
    });
  }
}

/** `guild_left` when the bot leaves a guild; its database is backed up and closed. */
export class GuildLeftListener extends Listener<typeof Events.GuildDelete> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.GuildDelete });
  }

  public async run(guild: Guild) {
    // An outage marks a guild unavailable without the bot leaving it.
    if (!guild.available) return;
    const runtime = runtimeOf(this.container.client);
    runtime?.emit('guild_left', { guildId: guild.id, name: guild.name });
    try {
      await runtime?.onGuildLeft(guild.id);
    } catch (error) {
      runtime?.logger.error({ err: error, guildId: guild.id }, 'cleaning up a left guild failed');
    }
  }
}

/** `@Bot` alone: answer with how to use the bot (prefix, slash commands, help). */
export class MentionOnlyListener extends Listener<typeof Events.UnknownMessageCommandName> {
  public constructor(context: Listener.LoaderContext) {
    super(context, { event: Events.UnknownMessageCommandName });
  }

  public async run({ message, prefix }: UnknownMessageCommandNamePayload) {
    if (typeof prefix !== 'string' || !/^<@!?\d+>/.test(prefix)) return;
    const runtime = runtimeOf(this.container.client);
    if (runtime && !runtime.owners.has(message.author.id)) {
      // One answer per window (intake.unknownCommandReplies); a member pinging the bot over and
      // over gets silence, not a reply each time.
      if (!(await runtime.intake.count('unknownReplies', message.author.id)).ok) return;
    }
    const prefixes = await this.container.client.fetchPrefix(message);
    const textPrefix =
      (Array.isArray(prefixes) ? prefixes : [prefixes]).find(
        (p): p is string => typeof p === 'string' && !p.startsWith('<@'),
      ) ?? '!';
    await sendReply(
      message,
      'info',
      `My prefix here is \`${textPrefix}\`. Slash commands always work: type \`/\` to see them, or \`${textPrefix}help\`.`,
    );
  }
}
