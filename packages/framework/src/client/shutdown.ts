import { Events } from 'discord.js';
import type { ZoryxClient } from './zoryx-client.js';

/**
 * The graceful shutdown sequence. Every step runs even when an earlier one failed (a failure is
 * logged as `ZRX_SHUTDOWN` with the step's name), because a half-done shutdown that skips the
 * database backup is worse than a logged error.
 */
export async function runShutdown(
  client: ZoryxClient,
  reason: string,
  onClosed: (() => Promise<void>) | undefined,
  closeFrameworkData: () => Promise<void>,
): Promise<void> {
  const log = client.zoryxLogger;
  log.info({ reason }, 'shutting down');
  const steps: [string, () => unknown][] = [
    ['stop intake', () => stopIntake(client)],
    // Runs in progress finish before their extensions unload and the database closes.
    ['stop jobs', () => client.jobs.close()],
    ['unload extensions', () => client.extensions.close()],
    ['close command routing', () => client.commandService.close()],
    ['drain hooks', () => client.hooks.close()],
    ['flush store', () => client.store.close()],
    // Before the databases close: pending command usage goes into command_stats.
    ['flush command usage', closeFrameworkData],
    ['back up and close databases', () => client.db.close()],
    ['destroy client', () => client.destroy()],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      log.error({ err: error, step: name, code: 'ZRX_SHUTDOWN' }, `shutdown step "${name}" failed`);
    }
  }
  client.removeSignalHandlers();
  log.info('shutdown complete');
  await onClosed?.();
}

async function stopIntake(client: ZoryxClient): Promise<void> {
  client.stopStatusRotation();
  await client.hotReloader?.close();
  // Sapphire's listener pieces are plain client listeners: without these no command starts.
  client.removeAllListeners(Events.MessageCreate);
  client.removeAllListeners(Events.InteractionCreate);
}
