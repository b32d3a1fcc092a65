import { ActivityType, type Client, type PresenceStatusData } from 'discord.js';
import type { ZoryxConfig } from '../config/schema.js';

type StatusEntry = ZoryxConfig['status']['entries'][number];

const ACTIVITY: Record<StatusEntry['type'], ActivityType> = {
  playing: ActivityType.Playing,
  watching: ActivityType.Watching,
  listening: ActivityType.Listening,
  competing: ActivityType.Competing,
  custom: ActivityType.Custom,
};

/** Fills `{guilds}`, `{users}` and `{commands}` in a status text. */
export function formatStatusText(
  text: string,
  counts: { guilds: number; users: number; commands: number },
): string {
  return text
    .replaceAll('{guilds}', String(counts.guilds))
    .replaceAll('{users}', String(counts.users))
    .replaceAll('{commands}', String(counts.commands));
}

/**
 * Rotates the bot's presence through `status.entries` every `status.intervalSeconds` (the
 * Python original ignored its interval setting at boot and always used 5 minutes). Returns a
 * function that stops the rotation.
 */
export function startStatusRotation(
  client: Client,
  status: ZoryxConfig['status'],
  commandCount: () => number,
): () => void {
  const entries = status.entries;
  if (entries.length === 0) return () => undefined;
  let index = 0;
  const apply = () => {
    const entry = entries[index % entries.length];
    index += 1;
    if (!entry || !client.user) return;
    const users = client.guilds.cache.reduce((sum, guild) => sum + (guild.memberCount ?? 0), 0);
    const name = formatStatusText(entry.text, {
      guilds: client.guilds.cache.size,
      users,
      commands: commandCount(),
    });
    client.user.setPresence({
      status: entry.presence as PresenceStatusData,
      activities: [
        entry.type === 'custom'
          ? { name: 'Custom Status', state: name, type: ActivityType.Custom }
          : { name, type: ACTIVITY[entry.type] },
      ],
    });
  };
  apply();
  if (!status.rotate || entries.length < 2) return () => undefined;
  const timer = setInterval(apply, status.intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
