import { AutomationError } from '../errors.js';
import type { Action } from '../model/action-schema.js';
import type { Budget } from '../model/rule-schema.js';
import { type PlaceholderValues, renderPlaceholders } from '../placeholders/placeholders.js';
import { ACTION_REQUIREMENTS } from './action-requirements.js';
import { type ConditionEnv, type ConditionTrace, evaluateCondition } from './conditions.js';
import type { EventFacts } from './event-facts.js';
import type { LoadedRule } from './trigger-match.js';

/** One run in progress: its budget (the top-level rule's), what it used, and its trace. */
export interface RunContext {
  readonly ruleId: string;
  readonly budget: Budget;
  readonly startedAt: number;
  depth: number;
  actions: number;
  apiCalls: number;
  readonly trace: string[];
  readonly conditions: ConditionTrace[];
  /** Aborted when the run's wall time is up (the hook bus timed it out). */
  readonly signal?: AbortSignal;
  /** Renders a rule text with this run's values (`{user}`, `{var:…}`, `{math:…}`). */
  render(text: string): string;
}

/** Performs actions (on Discord, or only describing them in a dry run). */
export interface ActionPort {
  /** Does the action; returns what it did, for the trace. */
  perform(action: Action, facts: EventFacts, run: RunContext): Promise<string>;
}

/** Checks an action against the creator's and the bot's permissions (at run time). */
export interface ActionGuard {
  /** A reason the action is refused, or undefined when it may run. */
  refuse(action: Action, facts: EventFacts, creatorId: string): Promise<string | undefined>;
}

/** What the engine runs with. */
export interface EngineDeps {
  readonly env: ConditionEnv;
  readonly port: ActionPort;
  readonly guard: ActionGuard;
  /** Another rule of the guild, for `run_rule`. */
  loadRule(guildId: string, ruleId: string): LoadedRule | undefined;
  /** Placeholder values and variables of an event (read once per run). */
  values(facts: EventFacts): Promise<{
    values: PlaceholderValues;
    variables: ReadonlyMap<string, string>;
  }>;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What a run (or a dry run) did. */
export interface RunOutcome {
  readonly matched: boolean;
  /** One line per action taken (or that would be taken, in a dry run). */
  readonly actions: string[];
  readonly conditions: ConditionTrace[];
}

function budgetError(run: RunContext, budget: keyof Budget, detail: string): AutomationError {
  return new AutomationError(
    'ZRX_AUTOMATION_BUDGET',
    `Rule ${run.ruleId} stopped: ${detail} (budget ${budget} = ${run.budget[budget]}).`,
    { ruleId: run.ruleId, budget },
  );
}

function checkClock(run: RunContext, deps: EngineDeps): void {
  if (run.signal?.aborted || deps.now() - run.startedAt > run.budget.wallMs) {
    throw budgetError(run, 'wallMs', `it ran longer than ${run.budget.wallMs} ms`);
  }
}

/**
 * Runs a rule for an event: its conditions, then its actions in order, each checked against the
 * creator's and the bot's permissions and charged to the run's budget. Budget overruns and
 * refusals throw an {@link AutomationError} with the rule id; the caller reports it to the author.
 * `parent` is the run a `run_rule` action nests this one in (same budget, one level deeper).
 */
export async function runRule(
  loaded: LoadedRule,
  facts: EventFacts,
  deps: EngineDeps,
  parent?: RunContext,
  signal?: AbortSignal,
): Promise<RunOutcome> {
  const { values, variables } = await deps.values(facts);
  const run: RunContext = parent ?? {
    ruleId: loaded.id,
    budget: loaded.rule.budget,
    startedAt: deps.now(),
    depth: facts.depth ?? 0,
    actions: 0,
    apiCalls: 0,
    trace: [],
    conditions: [],
    ...(signal ? { signal } : {}),
    render: (text) => {
      const user = facts.userId ?? '';
      const out = renderPlaceholders(
        text,
        values,
        (name) => variables.get(`user:${user}:${name}`) ?? variables.get(`guild:${name}`),
      );
      if (out.errors.length > 0) {
        throw new AutomationError(
          'ZRX_AUTOMATION_PLACEHOLDER',
          `Rule ${loaded.id}: ${out.errors.join('; ')}`,
          { ruleId: loaded.id },
        );
      }
      return out.text;
    },
  };
  if (run.depth > run.budget.depth) {
    throw budgetError(run, 'depth', `run_rule nested ${run.depth} levels deep`);
  }
  const conditions = loaded.rule.conditions;
  if (conditions && !(await evaluateCondition(conditions, facts, deps.env, run.conditions))) {
    return { matched: false, actions: run.trace, conditions: run.conditions };
  }
  for (const action of loaded.rule.actions) {
    checkClock(run, deps);
    if (run.actions + 1 > run.budget.actions) {
      throw budgetError(run, 'actions', `it took more than ${run.budget.actions} actions`);
    }
    run.actions++;
    const cost = ACTION_REQUIREMENTS[action.type].apiCalls;
    if (run.apiCalls + cost > run.budget.apiCalls) {
      throw budgetError(run, 'apiCalls', `it needed more than ${run.budget.apiCalls} API calls`);
    }
    const refused = await deps.guard.refuse(action, facts, loaded.creatorId);
    if (refused) {
      throw new AutomationError(
        'ZRX_AUTOMATION_FORBIDDEN',
        `Rule ${loaded.id}, ${action.type}: ${refused}`,
        {
          ruleId: loaded.id,
        },
      );
    }
    run.apiCalls += cost;
    if (action.type === 'run_rule') {
      const target = deps.loadRule(loaded.guildId, action.ruleId);
      if (!target) {
        throw new AutomationError(
          'ZRX_AUTOMATION_NOT_FOUND',
          `Rule ${loaded.id}: run_rule names ${action.ruleId}, which does not exist.`,
          { ruleId: loaded.id },
        );
      }
      run.trace.push(`run_rule ${action.ruleId}`);
      run.depth++;
      try {
        await runRule(target, facts, deps, run);
      } finally {
        run.depth--;
      }
    } else if (action.type === 'wait') {
      const left = run.budget.wallMs - (deps.now() - run.startedAt);
      if (action.ms > left) throw budgetError(run, 'wallMs', `wait ${action.ms} ms does not fit`);
      run.trace.push(await deps.port.perform(action, facts, run));
      await deps.sleep(action.ms, run.signal);
    } else {
      run.trace.push(await deps.port.perform(action, facts, run));
    }
  }
  return { matched: true, actions: run.trace, conditions: run.conditions };
}
