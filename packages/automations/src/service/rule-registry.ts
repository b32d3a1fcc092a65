import { randomBytes } from 'node:crypto';
import { type LoadedRule, TriggerIndex } from '../engine/trigger-match.js';
import { AutomationError } from '../errors.js';
import type { Rule } from '../model/rule-schema.js';
import { validateRule } from '../model/validate-rule.js';
import type { AutomationStore } from '../storage/automation-store.js';
import type { AutomationRuleRow } from '../storage/automation-tables.js';

/** A new rule id: `r` and 12 hex digits (unique across guilds, so hook ids never clash). */
export function newRuleId(): string {
  return `r${randomBytes(6).toString('hex')}`;
}

/**
 * The rules of each guild, loaded from its database on first use and kept in a trigger index;
 * every write goes to the database first, then to the index.
 */
export class RuleRegistry {
  private readonly guilds = new Map<string, Promise<TriggerIndex>>();
  /** Rows whose body no longer validates (kept, reported by `rules info`, never run). */
  public readonly broken = new Map<string, string>();

  public constructor(private readonly store: AutomationStore) {}

  /** The guild's index (loads it once). */
  public index(guildId: string): Promise<TriggerIndex> {
    let index = this.guilds.get(guildId);
    if (!index) {
      index = this.load(guildId);
      this.guilds.set(guildId, index);
      index.catch(() => this.guilds.delete(guildId));
    }
    return index;
  }

  /** The guild's index if it is loaded already (no database access). */
  public async loaded(guildId: string): Promise<TriggerIndex | undefined> {
    return this.guilds.has(guildId) ? this.index(guildId) : undefined;
  }

  private async load(guildId: string): Promise<TriggerIndex> {
    const index = new TriggerIndex();
    for (const row of await this.store.rules(guildId)) {
      const loaded = this.fromRow(guildId, row);
      if (loaded) index.set(loaded);
    }
    return index;
  }

  private fromRow(guildId: string, row: AutomationRuleRow): LoadedRule | undefined {
    let body: unknown;
    try {
      body = JSON.parse(row.body);
    } catch {
      body = undefined;
    }
    const checked = validateRule(body);
    if (!checked.ok) {
      this.broken.set(row.id, checked.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
      return undefined;
    }
    return {
      id: row.id,
      guildId,
      creatorId: row.creator_id,
      rule: { ...checked.rule, enabled: row.enabled === 1 },
    };
  }

  /** Validates and saves a new rule; rejects with `ZRX_AUTOMATION_INVALID`. */
  public async create(
    guildId: string,
    input: unknown,
    creatorId: string,
    now: number,
  ): Promise<LoadedRule> {
    const rule = this.check(input);
    const id = newRuleId();
    await this.store.insertRule(guildId, {
      id,
      name: rule.name,
      enabled: rule.enabled ? 1 : 0,
      version: rule.version,
      body: JSON.stringify(rule),
      creator_id: creatorId,
      created_at: now,
      updated_at: now,
      last_error: null,
    });
    const loaded = { id, guildId, creatorId, rule };
    (await this.index(guildId)).set(loaded);
    return loaded;
  }

  /** Replaces a rule's body (the editor becomes its creator: their permissions now apply). */
  public async update(
    guildId: string,
    id: string,
    input: unknown,
    editorId: string,
    now: number,
  ): Promise<LoadedRule> {
    await this.require(guildId, id);
    const rule = this.check(input);
    await this.store.updateRule(guildId, id, {
      name: rule.name,
      enabled: rule.enabled ? 1 : 0,
      body: JSON.stringify(rule),
      updated_at: now,
      last_error: null,
    });
    await this.store.setCreator(guildId, id, editorId);
    const loaded = { id, guildId, creatorId: editorId, rule };
    (await this.index(guildId)).set(loaded);
    this.broken.delete(id);
    return loaded;
  }

  /** Turns a rule on or off. */
  public async setEnabled(
    guildId: string,
    id: string,
    enabled: boolean,
    now: number,
  ): Promise<LoadedRule> {
    const loaded = await this.require(guildId, id);
    const rule: Rule = { ...loaded.rule, enabled };
    await this.store.updateRule(guildId, id, {
      enabled: enabled ? 1 : 0,
      body: JSON.stringify(rule),
      updated_at: now,
    });
    const next = { ...loaded, rule };
    (await this.index(guildId)).set(next);
    return next;
  }

  /** Deletes a rule; `ZRX_AUTOMATION_NOT_FOUND` when it does not exist. */
  public async remove(guildId: string, id: string): Promise<void> {
    const existed = await this.store.deleteRule(guildId, id);
    if (!existed) throw notFound(id);
    (await this.index(guildId)).delete(id);
    this.broken.delete(id);
  }

  /** A rule of the guild, or `ZRX_AUTOMATION_NOT_FOUND`. */
  public async require(guildId: string, id: string): Promise<LoadedRule> {
    const loaded = (await this.index(guildId)).rules.get(id);
    if (!loaded) throw notFound(id);
    return loaded;
  }

  private check(input: unknown): Rule {
    const checked = validateRule(input);
    if (!checked.ok) {
      throw new AutomationError(
        'ZRX_AUTOMATION_INVALID',
        `The rule is not valid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
        { errors: checked.errors },
      );
    }
    return checked.rule;
  }
}

function notFound(id: string): AutomationError {
  return new AutomationError('ZRX_AUTOMATION_NOT_FOUND', `There is no rule ${id} in this server.`, {
    ruleId: id,
  });
}
