// Rule matching cost per event with 1,000 rules in one guild: the trigger index (by event, then
// channel) against a linear scan of every rule, on the same rules and events in the same run.
// `pnpm bench` prints the mean time per event (µs = ms × 1000).
import { bench, describe } from 'vitest';
import type { EventFacts } from '../src/engine/event-facts.js';
import { type LoadedRule, linearMatch, TriggerIndex } from '../src/engine/trigger-match.js';
import { AutomationError } from '../src/errors.js';
import { TRIGGER_EVENTS, type TriggerEvent } from '../src/model/trigger-schema.js';
import { validateRule } from '../src/model/validate-rule.js';

const GUILD = '900000000000000001';
const CHANNELS = Array.from({ length: 50 }, (_, i) => String(300000000000000000n + BigInt(i)));
const EVENTS = TRIGGER_EVENTS.filter((e) => e !== 'hook');

function ruleAt(i: number): LoadedRule {
  const event = EVENTS[i % EVENTS.length] as TriggerEvent;
  // A third of the rules watch one channel, the rest every channel (as presets do).
  const channelIds = i % 3 === 0 ? [CHANNELS[i % CHANNELS.length] as string] : undefined;
  const result = validateRule({
    name: `rule ${i}`,
    trigger: { type: 'event', events: [event], ...(channelIds ? { channelIds } : {}) },
    conditions: { type: 'text', match: 'words', values: [`word${i}`] },
    actions: [{ type: 'delete_message' }],
  });
  if (!result.ok)
    throw new AutomationError('ZRX_AUTOMATION_INVALID', `bench rule ${i}`, {
      errors: result.errors,
    });
  return { id: `r${i}`, guildId: GUILD, creatorId: '1', rule: result.rule };
}

const rules = Array.from({ length: 1000 }, (_, i) => ruleAt(i));
const index = new TriggerIndex();
for (const rule of rules) index.set(rule);
const events: EventFacts[] = Array.from({ length: 256 }, (_, i) => ({
  event: EVENTS[(i * 7) % EVENTS.length] as TriggerEvent,
  guildId: GUILD,
  at: 0,
  channelId: CHANNELS[(i * 13) % CHANNELS.length] as string,
  userId: '5',
  content: 'hello',
}));

let cursor = 0;
const next = () => {
  cursor = (cursor + 1) & 255;
  return events[cursor] as EventFacts;
};

describe('rule matching, 1,000 rules in a guild (per event)', () => {
  bench('trigger index', () => {
    index.match(next());
  });
  bench('linear scan', () => {
    linearMatch(rules, next());
  });
});
