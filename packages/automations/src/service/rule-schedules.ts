import type { ExtensionContext, JobInfo } from '@zoryx/framework';
import type { LoadedRule } from '../engine/trigger-match.js';

/** The `ctx.jobs` handler that runs schedule rules. */
const HANDLER = 'rule';

/** The job id of a rule (rule ids are unique across guilds). */
export function ruleJobId(ruleId: string): string {
  return `rule:${ruleId}`;
}

/**
 * Schedule rules as framework jobs: one job per rule id (scheduling again replaces it), so a rule
 * has one live schedule however often the bot restarts, and a run missed while the bot was down
 * fires once at start (the framework's catch-up).
 */
export class RuleSchedules {
  public constructor(
    private readonly ctx: ExtensionContext,
    run: (guildId: string, ruleId: string) => Promise<void>,
  ) {
    ctx.jobs.handle<{ guildId: string; ruleId: string }>(HANDLER, async ({ payload }) => {
      await run(payload.guildId, payload.ruleId);
    });
  }

  /** Creates, replaces or cancels the rule's job to match the rule (enabled schedule or not). */
  public async sync(loaded: LoadedRule): Promise<void> {
    const id = ruleJobId(loaded.id);
    const trigger = loaded.rule.trigger;
    if (!loaded.rule.enabled || trigger.type !== 'schedule') {
      await this.ctx.jobs.cancel(id);
      return;
    }
    const existing = await this.ctx.jobs.get(id);
    // Unchanged timing: keep the job (rescheduling an interval would push its next run back).
    if (existing && existing.cron === trigger.cron && existing.every === trigger.every) return;
    await this.ctx.jobs.schedule({
      id,
      handler: HANDLER,
      payload: { guildId: loaded.guildId, ruleId: loaded.id },
      ...(trigger.cron ? { cron: trigger.cron } : {}),
      ...(trigger.every ? { every: trigger.every } : {}),
      ...(trigger.timezone ? { timezone: trigger.timezone } : {}),
    });
  }

  /** The rule's job, or null. */
  public info(ruleId: string): Promise<JobInfo | null> {
    return this.ctx.jobs.get(ruleJobId(ruleId));
  }

  /** Cancels the rule's job (the rule was deleted). */
  public async cancel(ruleId: string): Promise<void> {
    await this.ctx.jobs.cancel(ruleJobId(ruleId));
  }
}
