import type { ExtensionContext } from '@zoryx/framework';
import type { LoadedRule } from '../engine/trigger-match.js';
import { AutomationError, isAutomationError } from '../errors.js';
import type { AutomationStore } from '../storage/automation-store.js';
import './hook-vocabulary.js';

/** How long the same failure of a rule is not DMed to its author again. */
const DM_QUIET_MS = 10 * 60_000;

/**
 * Reports failed runs to the rule's author: the error (code, rule id, message, hint) is saved as
 * the rule's last error, emitted as `automation_failed`, logged, and DMed to the author at most
 * once per ten minutes per rule and code (a failing rule alerts, it does not spam).
 */
export class RunReporter {
  private readonly lastDm = new Map<string, number>();

  public constructor(
    private readonly ctx: ExtensionContext,
    private readonly store: AutomationStore,
    private readonly now: () => number,
  ) {}

  /** Reports an error of a run of `loaded`. */
  public async report(loaded: LoadedRule, error: unknown): Promise<void> {
    const coded = isAutomationError(error)
      ? error
      : new AutomationError(
          'ZRX_AUTOMATION_ACTION_FAILED',
          `Rule ${loaded.id}: ${error instanceof Error ? error.message : String(error)}`,
          {
            ruleId: loaded.id,
            cause: error,
          },
        );
    const line = `${coded.code}: ${coded.message}`;
    this.ctx.logger.warn(
      { guildId: loaded.guildId, ruleId: loaded.id, code: coded.code },
      coded.message,
    );
    await this.store
      .updateRule(loaded.guildId, loaded.id, { last_error: line })
      .catch(() => undefined);
    await this.ctx.hooks
      .emit('automation_failed', {
        guildId: loaded.guildId,
        ruleId: loaded.id,
        code: coded.code,
        message: coded.message,
      })
      .catch(() => undefined);
    const key = `${loaded.id}:${coded.code}`;
    const at = this.now();
    if (at - (this.lastDm.get(key) ?? Number.NEGATIVE_INFINITY) < DM_QUIET_MS) return;
    this.lastDm.set(key, at);
    const user = await this.ctx.client.users.fetch(loaded.creatorId).catch(() => undefined);
    await user
      ?.send({
        content: `Your automation rule **${loaded.rule.name}** (\`${loaded.id}\`) failed: \`${coded.code}\`\n${coded.message}\nHint: ${coded.hint}`,
        allowedMentions: { parse: [] },
      })
      .catch(() => undefined);
  }

  /** Forgets the DM throttle of a rule (after an edit, its next failure is news). */
  public forget(ruleId: string): void {
    for (const key of [...this.lastDm.keys()])
      if (key.startsWith(`${ruleId}:`)) this.lastDm.delete(key);
  }
}
