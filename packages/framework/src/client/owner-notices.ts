import type { HookBus } from '@zoryx/hooks';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import { noticeMentions } from './allowed-mentions.js';

/**
 * Makes failed reloads visible to the bot owners: each owner gets a direct message naming the
 * extension, the error and the version that keeps running. Best effort: a closed DM or an
 * offline client only logs. Returns the hook's `off`.
 */
export function notifyOwnersOfFailedReloads(
  hooks: HookBus,
  client: Client,
  owners: ReadonlySet<string>,
  logger: Logger,
): () => void {
  return hooks.on(
    'extension_reload_failed',
    async ({ name, error, runningVersion }) => {
      if (owners.size === 0 || !client.isReady()) return;
      const kept = runningVersion
        ? `version ${runningVersion} keeps running`
        : 'nothing could be kept';
      const text = `⚠️ Reload of extension \`${name}\` failed (${kept}).\n\`\`\`\n${error.message.slice(0, 1500)}\n\`\`\``;
      await dmOwners(client, owners, text, logger, 'a failed reload');
    },
    { id: 'framework:notify-owners', owner: 'framework' },
  );
}

/**
 * Tells the bot owners by direct message that an extension was quarantined: its name, the reason
 * (the faults that tripped it, with the last error id) and how to lift it. Best effort, like
 * {@link notifyOwnersOfFailedReloads}. Returns the hook's `off`.
 */
export function notifyOwnersOfQuarantine(
  hooks: HookBus,
  client: Client,
  owners: ReadonlySet<string>,
  logger: Logger,
): () => void {
  return hooks.on(
    'extension_quarantined',
    async ({ name, reason, unloaded }) => {
      if (owners.size === 0 || !client.isReady()) return;
      const dependents = unloaded.filter((n) => n !== name);
      const also =
        dependents.length > 0
          ? `\nUnloaded with it: ${dependents.map((n) => `\`${n}\``).join(', ')}.`
          : '';
      const text = `⛔ Extension \`${name}\` was quarantined after repeated faults: it is unloaded and stays off, also after restarts, until a bot owner runs \`/extensions unquarantine:${name}\`.${also}\n\`\`\`\n${reason.slice(0, 1500)}\n\`\`\``;
      await dmOwners(client, owners, text, logger, 'a quarantine');
    },
    { id: 'framework:notify-owners-quarantine', owner: 'framework' },
  );
}

/** Sends `content` to every bot owner by direct message, pinging nobody; failures are only logged. */
export async function dmOwners(
  client: Client,
  owners: ReadonlySet<string>,
  content: string,
  logger: Logger,
  about: string,
): Promise<void> {
  await Promise.all(
    [...owners].map(async (id) => {
      try {
        const user = await client.users.fetch(id);
        await user.send({ content, allowedMentions: noticeMentions() });
      } catch (cause) {
        logger.debug({ err: cause, owner: id }, `could not DM an owner about ${about}`);
      }
    }),
  );
}
