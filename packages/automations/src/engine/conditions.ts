import { PermissionFlagsBits } from 'discord.js';
import type { Condition } from '../model/condition-schema.js';
import type { EventFacts } from './event-facts.js';

/** What conditions read besides the event: role positions, variables, counters. */
export interface ConditionEnv {
  /** Position of a role in the guild's role list, or undefined when it does not exist. */
  rolePosition(roleId: string): number | undefined;
  /** A variable (`user` scope: the event member's). */
  variable(
    scope: 'guild' | 'user',
    name: string,
    userId: string | undefined,
  ): Promise<string | undefined>;
  /** Messages the member sent in the guild (counted by the extension). */
  messageCount(userId: string): Promise<number>;
}

/** One line of a dry-run trace: a condition and its result. */
export interface ConditionTrace {
  readonly condition: string;
  readonly result: boolean;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word match: `ass` does not match `class` (the original matched substrings). */
function hasWord(content: string, word: string, flags: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegex(word)}(?![\\p{L}\\p{N}_])`, flags).test(
    content,
  );
}

function safeRegexTest(source: string, flags: string, content: string): boolean {
  try {
    return new RegExp(source, flags).test(content);
  } catch {
    return false;
  }
}

function compare(left: number, operator: string, right: number): boolean {
  switch (operator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    default:
      return left === right;
  }
}

function describe(condition: Condition): string {
  if ('all' in condition) return `all of ${condition.all.length}`;
  if ('any' in condition) return `any of ${condition.any.length}`;
  if ('not' in condition) return 'not';
  return JSON.stringify(condition);
}

/**
 * Evaluates a condition tree for an event. `all` of nothing is true, `any` of nothing is false
 * (as in the original). Each evaluated node is appended to `trace`. Never throws.
 */
export async function evaluateCondition(
  condition: Condition,
  facts: EventFacts,
  env: ConditionEnv,
  trace: ConditionTrace[] = [],
): Promise<boolean> {
  let result: boolean;
  if ('all' in condition) {
    result = true;
    for (const child of condition.all) {
      if (!(await evaluateCondition(child, facts, env, trace))) {
        result = false;
        break;
      }
    }
  } else if ('any' in condition) {
    result = false;
    for (const child of condition.any) {
      if (await evaluateCondition(child, facts, env, trace)) {
        result = true;
        break;
      }
    }
  } else if ('not' in condition) {
    result = !(await evaluateCondition(condition.not, facts, env, trace));
  } else {
    result = await evaluateLeaf(condition, facts, env);
  }
  trace.push({ condition: describe(condition), result });
  return result;
}

async function evaluateLeaf(
  condition: Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>,
  facts: EventFacts,
  env: ConditionEnv,
): Promise<boolean> {
  const member = facts.member;
  switch (condition.type) {
    case 'time_range': {
      const now = new Date(facts.at);
      const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
      const start = minutesOf(condition.start);
      const end = minutesOf(condition.end);
      return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
    }
    case 'weekday':
      return condition.days.includes(DAYS[new Date(facts.at).getUTCDay()] ?? 'sun');
    case 'role_position': {
      if (!member) return false;
      const position = env.rolePosition(condition.roleId);
      if (position === undefined) return false;
      const has = member.roleIds.includes(condition.roleId);
      if (condition.comparison === 'has') return has;
      if (condition.comparison === 'above') return member.highestPosition > position;
      if (condition.comparison === 'below') return member.highestPosition < position;
      return has || member.highestPosition >= position;
    }
    case 'message_count':
      return facts.userId
        ? compare(await env.messageCount(facts.userId), condition.operator, condition.value)
        : false;
    case 'account_age':
      return member ? facts.at - member.accountCreatedAt >= condition.minDays * 86_400_000 : false;
    case 'variable': {
      const value = (await env.variable(condition.scope, condition.name, facts.userId)) ?? '';
      switch (condition.operator) {
        case '==':
          return value === condition.value;
        case '!=':
          return value !== condition.value;
        case 'contains':
          return value.includes(condition.value);
        default: {
          const left = Number(value);
          const right = Number(condition.value);
          return (
            Number.isFinite(left) &&
            Number.isFinite(right) &&
            compare(left, condition.operator, right)
          );
        }
      }
    }
    case 'channel':
      return facts.channelId !== undefined && condition.ids.includes(facts.channelId);
    case 'role': {
      const held = new Set(member?.roleIds ?? []);
      if (condition.mode === 'all') return condition.ids.every((id) => held.has(id));
      if (condition.mode === 'none') return !condition.ids.some((id) => held.has(id));
      return condition.ids.some((id) => held.has(id));
    }
    case 'permission': {
      if (!member) return false;
      const admin = (member.permissions & PermissionFlagsBits.Administrator) !== 0n;
      return (
        admin ||
        condition.permissions.every(
          (name) => (member.permissions & PermissionFlagsBits[name]) !== 0n,
        )
      );
    }
    case 'text': {
      const content = facts.content ?? '';
      const flags = condition.caseSensitive ? 'u' : 'iu';
      const folded = condition.caseSensitive ? content : content.toLowerCase();
      return condition.values.some((value) => {
        if (condition.match === 'words') return hasWord(content, value, flags);
        if (condition.match === 'regex') return safeRegexTest(value, flags, content);
        const needle = condition.caseSensitive ? value : value.toLowerCase();
        return condition.match === 'contains' ? folded.includes(needle) : folded.startsWith(needle);
      });
    }
    case 'is_bot':
      return (facts.isBot ?? false) === condition.value;
  }
}
