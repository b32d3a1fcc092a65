import type { JobInfo } from '@zoryx/framework';
import { z } from 'zod';
import { installAutoModRule } from '../discord/automod-bridge.js';
import { userFacts } from '../discord/event-facts-from-discord.js';
import { levelFor } from '../discord/feature-actions.js';
import { AutomationError, isAutomationError } from '../errors.js';
import type { Rule } from '../model/rule-schema.js';
import { type RuleValidation, validateRule } from '../model/validate-rule.js';
import { PRESETS, ruleFromPreset } from '../presets/preset-catalogue.js';
import type { AutomationService } from '../service/automation-service.js';
import { type AutomationsPage, automationsPage } from './dashboard-page.js';
import { readSyntheticEvent } from './synthetic-event.js';

/** A rule as `get` shows it. */
export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly creatorId: string;
  readonly rule: Rule;
  /** The last error of a run (code and message), until the rule is saved again. */
  readonly lastError: string | null;
  /** Runs started, queued (rate window full) and refused (queue full). */
  readonly runs: { started: number; queued: number; waiting: number; overflowed: number };
}

/** A JSON export of a guild's rules (what `import` takes). */
export interface RulesExport {
  readonly format: 'zoryx-automations';
  readonly version: 1;
  readonly rules: Rule[];
}

/** The public API of the `automations` extension: `bot.extensions.get('automations')`. */
export interface AutomationsApi {
  /** Checks a rule as it would be saved; every problem names its field path. */
  validate(rule: unknown): RuleValidation;
  /** Saves a rule for a guild; rejects with `ZRX_AUTOMATION_INVALID` on a bad rule. */
  create(guildId: string, rule: unknown, creatorId: string): Promise<{ id: string }>;
  /** The guild's rules. */
  list(guildId: string): Promise<Array<{ id: string; name: string; enabled: boolean }>>;
  /** Dry run against `event` (or the last real one, or a synthetic one): no side effects. */
  test(
    guildId: string,
    id: string,
    event?: unknown,
  ): Promise<{
    matched: boolean;
    actions: string[];
    conditions: Array<{ condition: string; result: boolean }>;
    error?: string;
  }>;
  /**
   * Runs a rule for real now (its conditions, budgets and permission checks apply), against
   * `event` or a synthetic one; schedule rules use it to fire on demand.
   */
  run(
    guildId: string,
    id: string,
    event?: unknown,
  ): Promise<{ matched: boolean; actions: string[] }>;
  /** The live schedule (framework job) of a schedule rule, or null. */
  schedule(guildId: string, id: string): Promise<JobInfo | null>;
  /** Deletes a rule (its schedule and hook too); `ZRX_AUTOMATION_NOT_FOUND` when there is none. */
  remove(guildId: string, id: string): Promise<void>;
  /** The preset names. */
  presets(): string[];
  /** A rule object for `create()` from a preset (defaults merged). */
  fromPreset(name: string, params: Record<string, unknown>): unknown;
  /** One rule with its state. */
  get(guildId: string, id: string): Promise<RuleInfo>;
  /** Replaces a rule; the editor becomes the one whose permissions it runs with. */
  update(guildId: string, id: string, rule: unknown, editorId: string): Promise<void>;
  /** Turns a rule on or off (turning it on again resets its circuit breaker). */
  setEnabled(guildId: string, id: string, enabled: boolean): Promise<void>;
  /** A member's leveling state: persistent XP, level (floor(sqrt(xp/100))) and counted messages. */
  levels(guildId: string, userId: string): Promise<{ xp: number; level: number; messages: number }>;
  /**
   * Installs `word-filter` (keywords or regexes) or `mention-spam` as a native Discord AutoMod
   * rule: Discord blocks matching messages itself. Returns the AutoMod rule's id.
   */
  installAutoMod(
    guildId: string,
    preset: string,
    params: Record<string, unknown>,
  ): Promise<{ id: string }>;
  /** The page `@zoryx/dashboard` shows for this extension (data only). */
  dashboardPage(): Promise<AutomationsPage>;
  /** The guild's rules as JSON data. */
  exportRules(guildId: string): Promise<RulesExport>;
  /** Creates every rule of an export (all validated first: nothing is saved if one is bad). */
  importRules(guildId: string, data: unknown, creatorId: string): Promise<{ ids: string[] }>;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    automations: AutomationsApi;
  }
}

const exportSchema = z.object({
  format: z.literal('zoryx-automations').optional(),
  rules: z.array(z.unknown()).max(500),
});

/** Builds the public API over the running service. */
export function createAutomationsApi(service: AutomationService): AutomationsApi {
  const { registry } = service;
  const api: AutomationsApi = {
    validate: (rule) => validateRule(rule),
    async create(guildId, rule, creatorId) {
      const loaded = await registry.create(guildId, rule, creatorId, service.now());
      await service.saved(loaded, true);
      return { id: loaded.id };
    },
    async list(guildId) {
      const index = await registry.index(guildId);
      return [...index.rules.values()].map((r) => ({
        id: r.id,
        name: r.rule.name,
        enabled: r.rule.enabled,
      }));
    },
    async test(guildId, id, event) {
      const given = readSyntheticEvent(event);
      const guild = service.guildOf(guildId);
      const member = given?.userId ? guild?.members.cache.get(given.userId) : undefined;
      const facts = member ? { ...userFacts(member.user, member), ...given } : given;
      return service.dryRun(guildId, id, facts);
    },
    async run(guildId, id, event) {
      const outcome = await service.runNow(guildId, id, readSyntheticEvent(event));
      return { matched: outcome?.matched ?? false, actions: outcome?.actions ?? [] };
    },
    async schedule(guildId, id) {
      await registry.require(guildId, id);
      return service.schedules.info(id);
    },
    async remove(guildId, id) {
      await registry.remove(guildId, id);
      service.dropHook(id);
      await service.schedules.cancel(id);
    },
    presets: () => [...PRESETS.keys()],
    fromPreset: (name, params) => ruleFromPreset(name, params),
    async get(guildId, id) {
      const loaded = await registry.require(guildId, id);
      const row = (await service.store.rules(guildId)).find((r) => r.id === id);
      return {
        id,
        name: loaded.rule.name,
        enabled: loaded.rule.enabled,
        creatorId: loaded.creatorId,
        rule: loaded.rule,
        lastError: row?.last_error ?? null,
        runs: service.limiter.stats(id),
      };
    },
    async update(guildId, id, rule, editorId) {
      const loaded = await registry.update(guildId, id, rule, editorId, service.now());
      service.dropHook(id);
      await service.saved(loaded, true);
    },
    async setEnabled(guildId, id, enabled) {
      const loaded = await registry.setEnabled(guildId, id, enabled, service.now());
      if (enabled) service.resetBreaker(id);
      await service.saved(loaded, false);
    },
    async levels(guildId, userId) {
      const xp = await service.store.counter(guildId, 'xp', userId);
      const messages = await service.store.counter(guildId, 'messages', userId);
      return { xp, level: levelFor(xp), messages };
    },
    async installAutoMod(guildId, preset, params) {
      const guild = service.guildOf(guildId);
      if (!guild)
        throw new AutomationError(
          'ZRX_AUTOMATION_ACTION_FAILED',
          `The bot is not in guild ${guildId}.`,
        );
      try {
        return { id: await installAutoModRule(guild, preset, params) };
      } catch (error) {
        if (isAutomationError(error)) throw error;
        throw new AutomationError(
          'ZRX_AUTOMATION_ACTION_FAILED',
          `Discord refused the AutoMod rule: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    },
    dashboardPage: () =>
      automationsPage(
        service,
        [...service.guilds()].map((g) => ({ id: g.id, name: g.name })),
      ),
    async exportRules(guildId) {
      const index = await registry.index(guildId);
      return {
        format: 'zoryx-automations',
        version: 1,
        rules: [...index.rules.values()].map((r) => r.rule),
      };
    },
    async importRules(guildId, data, creatorId) {
      const parsed = exportSchema.safeParse(data);
      if (!parsed.success)
        throw new AutomationError(
          'ZRX_AUTOMATION_IMPORT',
          'The file is not an export of rules (a JSON object with a "rules" array).',
        );
      const problems = parsed.data.rules.flatMap((rule, i) => {
        const checked = validateRule(rule);
        return checked.ok
          ? []
          : checked.errors.map((e) => ({ path: `rules.${i}.${e.path}`, message: e.message }));
      });
      if (problems.length > 0) {
        throw new AutomationError(
          'ZRX_AUTOMATION_INVALID',
          `The import has invalid rules: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          { errors: problems },
        );
      }
      const ids: string[] = [];
      for (const rule of parsed.data.rules)
        ids.push((await api.create(guildId, rule, creatorId)).id);
      return { ids };
    },
  };
  return api;
}
