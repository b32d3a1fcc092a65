import type { ExtensionContext } from '@zoryx/framework';
import { z } from 'zod';
import { AutomationError } from '../errors.js';
import { isValidCron } from './cron.js';

/** The `ctx.jobs` handler of owner tasks. */
export const TASK_HANDLER = 'task';
/** Job ids of owner tasks start with this. */
export const TASK_PREFIX = 'task:';

/** An owner task (the original's task scheduler): what it does on each cron tick. */
export const taskSchema = z.object({
  name: z.string().regex(/^[\w-]{1,50}$/, 'letters, digits, _ and - (1–50)'),
  cron: z
    .string()
    .refine(isValidCron, 'must be a 5-field cron: minute hour day month weekday (0 = Sunday)'),
  type: z.enum(['message', 'hook', 'log']),
  channelId: z
    .string()
    .regex(/^\d{15,21}$/)
    .optional(),
  guildId: z
    .string()
    .regex(/^\d{15,21}$/)
    .optional(),
  content: z.string().min(1).max(2000).optional(),
  maxRuns: z.number().int().min(1).max(1_000_000).optional(),
});

/** A task as the owner writes it. */
export type TaskInput = z.input<typeof taskSchema>;

interface TaskPayload {
  [key: string]: string;
  type: 'message' | 'hook' | 'log';
  name: string;
  channelId: string;
  guildId: string;
  content: string;
}

/** Runs owner tasks when their job fires. */
export function registerTaskHandler(ctx: ExtensionContext): void {
  ctx.jobs.handle<TaskPayload>(TASK_HANDLER, async ({ payload }) => {
    if (payload.type === 'log') {
      ctx.logger.info({ task: payload.name }, payload.content || `task ${payload.name}`);
    } else if (payload.type === 'hook') {
      await ctx.hooks.emit('automation_hook', {
        guildId: payload.guildId,
        name: payload.name,
        data: payload.content,
        depth: 0,
      });
    } else {
      const channel = await ctx.client.channels.fetch(payload.channelId).catch(() => null);
      if (channel?.isSendable())
        await channel.send({ content: payload.content, allowedMentions: { parse: [] } });
    }
  });
}

/** Schedules (or replaces) an owner task; `ZRX_AUTOMATION_INVALID` naming the field. */
export async function scheduleTask(ctx: ExtensionContext, input: TaskInput): Promise<void> {
  const parsed = taskSchema.safeParse(input);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(task)', message: i.message }));
  if (
    parsed.success &&
    parsed.data.type === 'message' &&
    (!parsed.data.channelId || !parsed.data.content)
  ) {
    errors.push({ path: 'channelId', message: 'a message task needs a channel and content' });
  }
  if (!parsed.success || errors.length > 0) {
    throw new AutomationError(
      'ZRX_AUTOMATION_INVALID',
      `The task is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  const task = parsed.data;
  const payload: TaskPayload = {
    type: task.type,
    name: task.name,
    channelId: task.channelId ?? '',
    guildId: task.guildId ?? '',
    content: task.content ?? '',
  };
  await ctx.jobs.schedule({
    id: `${TASK_PREFIX}${task.name}`,
    handler: TASK_HANDLER,
    cron: task.cron,
    payload,
    ...(task.maxRuns ? { maxRuns: task.maxRuns } : {}),
  });
}
