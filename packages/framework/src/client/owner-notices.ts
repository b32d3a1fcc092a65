import type { HookBus } from '@zoryx/hooks';
import type { Client } from 'discord.js';
import type { Logger } from 'pino';

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
      await Promise.all(
        [...owners].map(async (id) => {
          try {
            const user = await client.users.fetch(id);
            await user.send({ content: text, allowedMentions: { parse: [] } });
          } catch (cause) {
            logger.debug({ err: cause, owner: id }, 'could not DM an owner about a failed reload');
          }
        }),
      );
    },
    { id: 'framework:notify-owners', owner: 'framework' },
  );
}
