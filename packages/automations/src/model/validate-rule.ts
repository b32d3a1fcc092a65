import { checkPlaceholders } from '../placeholders/placeholders.js';
import { TEXT_FIELDS } from './action-schema.js';
import { type Condition, conditionDepth } from './condition-schema.js';
import { type Rule, ruleSchema } from './rule-schema.js';

/** One problem of a rule: the field path (`actions.0.content`) and what is wrong. */
export interface RuleProblem {
  readonly path: string;
  readonly message: string;
}

/** What {@link validateRule} answers. */
export type RuleValidation =
  | { readonly ok: true; readonly rule: Rule }
  | { readonly ok: false; readonly errors: RuleProblem[] };

const MAX_CONDITION_DEPTH = 8;

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(rule)' : path.map(String).join('.');
}

function read(value: unknown, dotted: string): unknown {
  let at = value;
  for (const key of dotted.split('.')) {
    if (typeof at !== 'object' || at === null || !(key in at)) return undefined;
    at = Reflect.get(at, key);
  }
  return at;
}

function checkRegexes(condition: Condition, path: string, problems: RuleProblem[]): void {
  if ('all' in condition) {
    for (const [i, c] of condition.all.entries()) checkRegexes(c, `${path}.all.${i}`, problems);
  } else if ('any' in condition) {
    for (const [i, c] of condition.any.entries()) checkRegexes(c, `${path}.any.${i}`, problems);
  } else if ('not' in condition) {
    checkRegexes(condition.not, `${path}.not`, problems);
  } else if (condition.type === 'text' && condition.match === 'regex') {
    for (const [i, source] of condition.values.entries()) {
      const problem = regexProblem(source);
      if (problem) problems.push({ path: `${path}.values.${i}`, message: problem });
    }
  }
}

/**
 * Why a regex may not be used, or undefined. Nested quantifiers (`(a+)+`) are refused: they can
 * backtrack for minutes on a crafted message and stall the bot.
 */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `invalid regex: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (/\([^)]*[+*}][^)]*\)\s*[+*{]/.test(source)) {
    return 'nested quantifiers (like (a+)+) are not allowed: they can hang the bot';
  }
  return undefined;
}

/**
 * Validates a rule as it will be saved: the schema (with defaults), the placeholders of every
 * text, the regexes, and the condition depth. Never throws; every problem names its field.
 */
export function validateRule(input: unknown): RuleValidation {
  const parsed = ruleSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        path: pathOf(issue.path),
        message: issue.message,
      })),
    };
  }
  const rule = parsed.data;
  const problems: RuleProblem[] = [];
  rule.actions.forEach((action, i) => {
    for (const field of TEXT_FIELDS[action.type] ?? []) {
      const value = read(action, field);
      if (typeof value !== 'string') continue;
      for (const message of checkPlaceholders(value)) {
        problems.push({ path: `actions.${i}.${field}`, message });
      }
    }
    if (action.type === 'send_message' && !action.content && !action.embed) {
      problems.push({ path: `actions.${i}`, message: 'send_message needs content or embed' });
    }
  });
  if (rule.conditions) {
    if (conditionDepth(rule.conditions) > MAX_CONDITION_DEPTH) {
      problems.push({ path: 'conditions', message: `nested deeper than ${MAX_CONDITION_DEPTH}` });
    }
    checkRegexes(rule.conditions, 'conditions', problems);
  }
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, rule };
}
