import type { ChannelHandle, Emulator, GuildHandle, UserHandle } from '@zoryx/emulator';
import type { MentionResolver } from './slash-line.js';

/** The offline world `zoryx dev --offline` creates in the emulator. */
export interface DevWorld {
  readonly emulator: Emulator;
  /** The guild, owned by {@link DevWorld.you}. */
  readonly guild: GuildHandle;
  /** The user the terminal acts as (also the bot owner: pass it as BOT_OWNER_ID). */
  readonly you: UserHandle;
  /** Every user of the world by username (you, alice, bob). */
  readonly users: ReadonlyMap<string, UserHandle>;
  /** `#general` and `#bot-commands`. */
  readonly channels: readonly ChannelHandle[];
  /** Resolves `@alice`, `#general`, `@role` to ids in this world. */
  readonly mentions: MentionResolver;
}

/** Options of {@link createDevWorld}. */
export interface DevWorldOptions {
  /** Your username in the chat. Default `you`. */
  username?: string;
  /** Guild name. Default `Zoryx Dev`. */
  guildName?: string;
}

function byName<T>(items: Iterable<T>, name: (item: T) => string, id: (item: T) => string) {
  return (ref: string): string | undefined => {
    const wanted = ref.replace(/^[@#&]+/, '').toLowerCase();
    for (const item of items) {
      if (id(item) === wanted || name(item).toLowerCase() === wanted) return id(item);
    }
    return undefined;
  };
}

/**
 * Populates an emulator for offline development: a guild owned by you, the channels #general
 * and #bot-commands, and two more members (alice and bob) to mention in commands.
 *
 * @example
 * ```ts
 * const world = createDevWorld(await startEmulator(), { username: 'sam' });
 * await world.you.send(world.channels[0]!, '!ping').reply();
 * ```
 */
export function createDevWorld(emulator: Emulator, options: DevWorldOptions = {}): DevWorld {
  const you = emulator.createUser({ username: options.username ?? 'you' });
  const guild = emulator.createGuild({ name: options.guildName ?? 'Zoryx Dev', owner: you });
  const users = new Map<string, UserHandle>([[you.username, you]]);
  for (const username of ['alice', 'bob']) {
    if (users.has(username)) continue;
    const user = emulator.createUser({ username });
    guild.addMember(user);
    users.set(username, user);
  }
  const channels = [
    guild.createChannel({ name: 'general' }),
    guild.createChannel({ name: 'bot-commands' }),
  ];
  const mentions: MentionResolver = {
    user: byName(
      users.values(),
      (u) => u.username,
      (u) => u.id,
    ),
    channel: (ref) =>
      byName(
        guild.channels(),
        (c) => c.name,
        (c) => c.id,
      )(ref),
    role: (ref) =>
      byName(
        guild.roles(),
        (r) => r.name,
        (r) => r.id,
      )(ref),
  };
  return { emulator, guild, you, users, channels, mentions };
}
