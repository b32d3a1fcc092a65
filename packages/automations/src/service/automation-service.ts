import { randomUUID } from 'node:crypto';
import type { ExtensionContext } from '@zoryx/framework';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type Guild } from 'discord.js';
import { createDiscordPort } from '../discord/discord-port.js';
import { cleanupTempVoice } from '../discord/feature-actions.js';
import type { DiscordActionEnv, LiveEvent } from '../discord/live-event.js';
import { dryRunPort } from '../engine/describe-action.js';
import type { EventFacts } from '../engine/event-facts.js';
import { type RunOutcome, runRule } from '../engine/run-rule.js';
import { type LoadedRule, type TriggerIndex, triggerAccepts } from '../engine/trigger-match.js';
import { AutomationError, isAutomationError } from '../errors.js';
import { AutomationStore } from '../storage/automation-store.js';
import { engineDeps } from './engine-deps.js';
import './hook-vocabulary.js';
import { RuleRegistry } from './rule-registry.js';
import { RuleSchedules } from './rule-schedules.js';
import { RunLimiter } from './run-limiter.js';
import { RunReporter } from './run-reporter.js';

type PendingRun = (signal: AbortSignal) => Promise<RunOutcome>;

/**
 * The running extension: routes events to the rules whose trigger accepts them (through the
 * per-guild trigger index), runs each through its own hook on the bus (its breaker and timeout),
 * rate-limits runs per rule (queued, counted, never silently dropped), and reports failures to
 * the rule's author.
 */
export class AutomationService {
  public readonly store: AutomationStore;
  public readonly registry: RuleRegistry;
  public readonly limiter: RunLimiter;
  public readonly schedules: RuleSchedules;
  private readonly reporter: RunReporter;
  private readonly pending = new Map<string, PendingRun>();
  private readonly hooks = new Map<string, { remove: () => void; timeoutMs: number }>();
  private readonly lastEvents = new Map<string, EventFacts>();
  private readonly breakerReported = new Set<string>();

  public constructor(
    private readonly ctx: ExtensionContext,
    public readonly now: () => number = Date.now,
  ) {
    this.store = new AutomationStore(ctx.db);
    this.registry = new RuleRegistry(this.store);
    this.reporter = new RunReporter(ctx, this.store, now);
    this.limiter = new RunLimiter(now, (ruleId, stats) => {
      void this.reportOverflow(ruleId, stats.overflowed);
    });
    this.schedules = new RuleSchedules(ctx, (guildId, ruleId) =>
      this.runScheduled(guildId, ruleId),
    );
    ctx.onDispose(() => this.limiter.close());
  }

  /** Routes one event to the matching rules of its guild; resolves when their runs are over. */
  public async handle(facts: EventFacts, live: LiveEvent = {}): Promise<void> {
    const index = await this.registry.index(facts.guildId);
    if (index.rules.size === 0) return;
    if (facts.event === 'message' && facts.userId && !facts.isBot) {
      await this.store.addCounter(facts.guildId, 'messages', facts.userId, 1);
    }
    const runs: Promise<unknown>[] = [];
    for (const loaded of index.match(facts)) {
      this.lastEvents.set(loaded.id, facts);
      runs.push(
        new Promise<void>((resolve) => {
          const accepted = this.limiter.submit(loaded.id, loaded.rule.rate, () => {
            this.execute(loaded, facts, live, index)
              .catch((error: unknown) => this.reporter.report(loaded, error))
              .finally(resolve);
          });
          if (!accepted) resolve();
        }),
      );
    }
    // Resolves when every run it started (or queued) is over: interactions wait for it.
    await Promise.all(runs);
  }

  /** Runs a rule through its hook; failures go to its author. Resolves when the run is over. */
  public async execute(
    loaded: LoadedRule,
    facts: EventFacts,
    live: LiveEvent,
    index: TriggerIndex,
  ): Promise<RunOutcome | undefined> {
    const guild = this.ctx.client.guilds.cache.get(loaded.guildId);
    // The bot left the guild (or never saw it): nothing a rule could act on.
    if (!guild) return undefined;
    const env: DiscordActionEnv = {
      guild,
      store: this.store,
      live,
      now: this.now,
      emitHook: async (name, data, depth) => {
        await this.ctx.hooks.emit('automation_hook', {
          guildId: loaded.guildId,
          name,
          data,
          depth,
          ...(facts.userId ? { userId: facts.userId } : {}),
          ...(facts.channelId ? { channelId: facts.channelId } : {}),
        });
      },
    };
    const deps = engineDeps(
      guild,
      loaded.guildId,
      index,
      this.store,
      createDiscordPort(env, loaded.id),
      this.now,
    );
    const runId = randomUUID();
    let outcome: RunOutcome | undefined;
    this.pending.set(runId, async (signal) => {
      outcome = await runRule(loaded, facts, deps, undefined, signal);
      return outcome;
    });
    try {
      const event = this.hookFor(loaded);
      const result = await this.ctx.hooks.emitAndWait(event, { runId });
      const status = result.outcomes[0];
      if (!status || status.status === 'ok') {
        this.breakerReported.delete(loaded.id);
        return outcome;
      }
      if (status.status === 'skipped-open') {
        await this.reportBreaker(loaded);
      } else if (status.status === 'timeout') {
        await this.reporter.report(
          loaded,
          new AutomationError(
            'ZRX_AUTOMATION_BUDGET',
            `Rule ${loaded.id} stopped: it ran longer than ${loaded.rule.budget.wallMs} ms (budget wallMs).`,
            {
              ruleId: loaded.id,
              budget: 'wallMs',
            },
          ),
        );
      } else if (status.status === 'error') {
        await this.reporter.report(loaded, status.error);
      }
      // This failure may have opened the rule's breaker: tell the author now, not at the next event.
      if (status.status !== 'skipped-open' && this.breakerState(loaded.id) === 'open') {
        await this.reportBreaker(loaded);
      }
      return outcome;
    } finally {
      this.pending.delete(runId);
    }
  }

  /** The state of the rule's breaker on the bus (`closed` when it has no hook yet). */
  private breakerState(ruleId: string): string {
    const hook = this.ctx.client.hooks.hooks().find((h) => h.event === `automation_rule:${ruleId}`);
    return hook?.breaker ?? 'closed';
  }

  /** Tells the author once per opening that the rule's runs are paused. */
  private async reportBreaker(loaded: LoadedRule): Promise<void> {
    if (this.breakerReported.has(loaded.id)) return;
    this.breakerReported.add(loaded.id);
    await this.reporter.report(
      loaded,
      new AutomationError(
        'ZRX_AUTOMATION_BREAKER_OPEN',
        `Rule ${loaded.id} failed too often; its runs are paused until the breaker lets a trial run through.`,
        { ruleId: loaded.id },
      ),
    );
  }

  /** The bus event of a rule, registering its hook on first use (or when its budget changed). */
  private hookFor(loaded: LoadedRule): `automation_rule:${string}` {
    const event = `automation_rule:${loaded.id}` as const;
    // The hook's timeout is the wall-time budget (a little slack: the engine stops itself first).
    const timeoutMs = loaded.rule.budget.wallMs + 250;
    const existing = this.hooks.get(loaded.id);
    if (existing?.timeoutMs === timeoutMs) return event;
    existing?.remove();
    const remove = this.ctx.hooks.on(
      event,
      async ({ runId }, hook) => {
        const run = this.pending.get(runId);
        if (!run) return undefined;
        const outcome = await run(hook.signal);
        return { actions: outcome.actions.length };
      },
      { id: `rule:${loaded.id}`, timeoutMs },
    );
    this.hooks.set(loaded.id, { remove, timeoutMs });
    return event;
  }

  /** Forgets a rule's hook (deleted rule). */
  public dropHook(ruleId: string): void {
    this.hooks.get(ruleId)?.remove();
    this.hooks.delete(ruleId);
    this.reporter.forget(ruleId);
    this.lastEvents.delete(ruleId);
  }

  /** Runs a schedule rule now (called by its job). */
  public async runScheduled(guildId: string, ruleId: string): Promise<void> {
    const index = await this.registry.index(guildId);
    const loaded = index.rules.get(ruleId);
    if (!loaded?.rule.enabled || loaded.rule.trigger.type !== 'schedule') return;
    const facts: EventFacts = {
      event: 'schedule',
      guildId,
      at: this.now(),
      ...(loaded.rule.trigger.channelId ? { channelId: loaded.rule.trigger.channelId } : {}),
    };
    await this.execute(loaded, facts, {}, index);
  }

  /** Runs a rule for real now, against `event` (or a synthetic one): `rules run`, and schedules on demand. */
  public async runNow(
    guildId: string,
    id: string,
    event: Partial<EventFacts> | undefined,
  ): Promise<RunOutcome | undefined> {
    const index = await this.registry.index(guildId);
    const loaded = await this.registry.require(guildId, id);
    const trigger = loaded.rule.trigger;
    const facts: EventFacts = {
      event: trigger.type === 'schedule' ? 'schedule' : (trigger.events[0] ?? 'message'),
      at: this.now(),
      ...(trigger.type === 'schedule' && trigger.channelId ? { channelId: trigger.channelId } : {}),
      ...event,
      guildId,
    };
    return this.execute(loaded, facts, {}, index);
  }

  /**
   * Dry run: the rule against `event` (or the last real event it matched, or a synthetic one),
   * with each condition's result and each action it would take; nothing changes.
   */
  public async dryRun(
    guildId: string,
    id: string,
    event: Partial<EventFacts> | undefined,
  ): Promise<RunOutcome & { error?: string }> {
    const index = await this.registry.index(guildId);
    const loaded = await this.registry.require(guildId, id);
    const trigger = loaded.rule.trigger;
    const guild = this.ctx.client.guilds.cache.get(guildId);
    const base: EventFacts = this.lastEvents.get(id) ?? {
      event: trigger.type === 'schedule' ? 'schedule' : (trigger.events[0] ?? 'message'),
      guildId,
      at: this.now(),
      ...(trigger.type === 'event' && trigger.channelIds?.[0]
        ? { channelId: trigger.channelIds[0] }
        : {}),
      ...(trigger.type === 'schedule' && trigger.channelId ? { channelId: trigger.channelId } : {}),
    };
    const facts: EventFacts = { ...base, ...event, guildId };
    if (!triggerAccepts(loaded.rule, facts))
      return { matched: false, actions: ['trigger does not accept this event'], conditions: [] };
    const deps = engineDeps(guild, guildId, index, this.store, dryRunPort, this.now);
    try {
      return await runRule({ ...loaded, rule: { ...loaded.rule, enabled: true } }, facts, deps);
    } catch (error) {
      const line = isAutomationError(error) ? `${error.code}: ${error.message}` : String(error);
      return { matched: true, actions: [`stopped: ${line}`], conditions: [], error: line };
    }
  }

  /** After a save: the panel message, the schedule, a fresh hook. */
  public async saved(loaded: LoadedRule, postPanel: boolean): Promise<void> {
    this.reporter.forget(loaded.id);
    this.breakerReported.delete(loaded.id);
    await this.schedules.sync(loaded);
    const trigger = loaded.rule.trigger;
    if (!postPanel || trigger.type !== 'event' || !trigger.panel || !trigger.customId) return;
    // Fetched, not only read from the cache: the channel may be newer than the cache.
    const channel = await this.ctx.client.guilds.cache
      .get(loaded.guildId)
      ?.channels.fetch(trigger.panel.channelId)
      .catch(() => null);
    if (!channel?.isTextBased()) return;
    const button = new ButtonBuilder()
      .setCustomId(trigger.customId)
      .setLabel(trigger.panel.label)
      .setStyle(ButtonStyle.Primary);
    await channel.send({
      content: trigger.panel.content,
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
    });
  }

  /** At start (and when the bot joins a guild): load its rules, schedule them, sweep empty voice channels. */
  public async startGuild(guild: Guild): Promise<void> {
    const index = await this.registry.index(guild.id);
    for (const loaded of index.rules.values()) await this.schedules.sync(loaded);
    await cleanupTempVoice({
      guild,
      store: this.store,
      live: {},
      now: this.now,
      emitHook: async () => undefined,
    });
  }

  /** The guilds the bot is in (from the cache). */
  public guilds(): Iterable<Guild> {
    return this.ctx.client.guilds.cache.values();
  }

  /** A guild the bot is in (from the cache). */
  public guildOf(guildId: string): Guild | undefined {
    return this.ctx.client.guilds.cache.get(guildId);
  }

  /** Closes the rule's circuit breaker on the bus (the rule was turned on again). */
  public resetBreaker(ruleId: string): void {
    const bus = this.ctx.client.hooks;
    for (const hook of bus.hooks()) {
      if (hook.event === `automation_rule:${ruleId}`) bus.resetBreaker(hook.id);
    }
    this.breakerReported.delete(ruleId);
  }

  /** The rule's last real event (for `rules test`). */
  public lastEvent(ruleId: string): EventFacts | undefined {
    return this.lastEvents.get(ruleId);
  }

  private async reportOverflow(ruleId: string, overflowed: number): Promise<void> {
    for (const guild of this.ctx.client.guilds.cache.values()) {
      const loaded = (await this.registry.loaded(guild.id))?.rules.get(ruleId);
      if (!loaded) continue;
      await this.reporter.report(
        loaded,
        new AutomationError(
          'ZRX_AUTOMATION_BUDGET',
          `Rule ${ruleId}: ${overflowed} run(s) refused, its queue is full (it triggers faster than its rate allows).`,
          { ruleId },
        ),
      );
      return;
    }
  }
}
