import type { Rule } from '../model/rule-schema.js';
import type { EventFacts } from './event-facts.js';

/** A rule as the engine keeps it: its id and creator beside the validated body. */
export interface LoadedRule {
  readonly id: string;
  readonly guildId: string;
  readonly creatorId: string;
  readonly rule: Rule;
}

/** True when the rule's trigger (event and filters) accepts the event. Conditions come after. */
export function triggerAccepts(rule: Rule, facts: EventFacts): boolean {
  const trigger = rule.trigger;
  if (trigger.type === 'schedule') return facts.event === 'schedule';
  if (facts.event === 'schedule' || !trigger.events.includes(facts.event)) return false;
  if (facts.isBot && !trigger.includeBots) return false;
  if (trigger.channelIds && !(facts.channelId && trigger.channelIds.includes(facts.channelId))) {
    return false;
  }
  if (trigger.messageId && facts.messageId !== trigger.messageId) return false;
  if (trigger.emoji && trigger.emoji !== facts.emojiName && trigger.emoji !== facts.emojiId) {
    return false;
  }
  if (trigger.customId) {
    const id = facts.customId ?? '';
    const prefix = trigger.customId.endsWith(':');
    if (prefix ? !id.startsWith(trigger.customId) : id !== trigger.customId) return false;
  }
  if (trigger.hook && facts.hook !== trigger.hook) return false;
  return true;
}

/** The rules of one guild whose trigger accepts the event, by scanning all of them. */
export function linearMatch(rules: Iterable<LoadedRule>, facts: EventFacts): LoadedRule[] {
  const out: LoadedRule[] = [];
  for (const loaded of rules) {
    if (loaded.rule.enabled && triggerAccepts(loaded.rule, facts)) out.push(loaded);
  }
  return out;
}

/**
 * The enabled rules of a guild indexed by what they wait for: event name, then channel (rules
 * without a channel filter under `*`). A message in #general then looks at the message rules of
 * #general and the channel-less ones instead of every rule of the guild.
 */
export class TriggerIndex {
  readonly #byEvent = new Map<string, Map<string, Map<string, LoadedRule>>>();
  readonly #rules = new Map<string, LoadedRule>();

  /** Every rule indexed (enabled or not). */
  public get rules(): ReadonlyMap<string, LoadedRule> {
    return this.#rules;
  }

  /** Adds or replaces a rule. */
  public set(loaded: LoadedRule): void {
    this.delete(loaded.id);
    this.#rules.set(loaded.id, loaded);
    if (!loaded.rule.enabled) return;
    const trigger = loaded.rule.trigger;
    const events = trigger.type === 'schedule' ? ['schedule'] : trigger.events;
    const channels = trigger.type === 'event' && trigger.channelIds ? trigger.channelIds : ['*'];
    for (const event of events) {
      let byChannel = this.#byEvent.get(event);
      if (!byChannel) {
        byChannel = new Map();
        this.#byEvent.set(event, byChannel);
      }
      for (const channel of channels) {
        let bucket = byChannel.get(channel);
        if (!bucket) {
          bucket = new Map();
          byChannel.set(channel, bucket);
        }
        bucket.set(loaded.id, loaded);
      }
    }
  }

  /** Removes a rule. */
  public delete(id: string): void {
    if (!this.#rules.delete(id)) return;
    for (const byChannel of this.#byEvent.values()) {
      for (const bucket of byChannel.values()) bucket.delete(id);
    }
  }

  /** The enabled rules whose trigger accepts the event. */
  public match(facts: EventFacts): LoadedRule[] {
    const byChannel = this.#byEvent.get(facts.event);
    if (!byChannel) return [];
    const out: LoadedRule[] = [];
    const visit = (bucket: Map<string, LoadedRule> | undefined) => {
      if (!bucket) return;
      for (const loaded of bucket.values())
        if (triggerAccepts(loaded.rule, facts)) out.push(loaded);
    };
    visit(byChannel.get('*'));
    if (facts.channelId) visit(byChannel.get(facts.channelId));
    return out;
  }
}
