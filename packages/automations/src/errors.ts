/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code `@zoryx/automations` reports, with its default hint.
 *
 * @remarks The single source of these codes: {@link AutomationErrorCode} is derived from its keys,
 * an {@link AutomationError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const automationsErrorCatalogue = {
  ZRX_AUTOMATION_INVALID: {
    meaning:
      'a rule failed validation when it was saved (create, edit, import, a preset); the message lists each field path and what is wrong with it',
    hint: 'Fix the fields named in the message; `rules templates` shows valid rules to start from.',
  },
  ZRX_AUTOMATION_NOT_FOUND: {
    meaning: 'no rule with that id exists in the guild',
    hint: '`rules list` shows the ids of the rules in this server.',
  },
  ZRX_AUTOMATION_UNKNOWN_PRESET: {
    meaning: '`fromPreset` or `rules create` was given a preset name that does not exist',
    hint: '`rules templates` (or `presets()`) lists the preset names.',
  },
  ZRX_AUTOMATION_BUDGET: {
    meaning:
      'a run of a rule went over one of its budgets (actions, API calls, wall time, nesting depth of `run_rule`) and was stopped; the message names the rule id and the budget',
    hint: 'Break the loop (a rule that runs itself, or two rules running each other), or raise the rule’s `budget` within the maximum.',
  },
  ZRX_AUTOMATION_FORBIDDEN: {
    meaning:
      "an action needs a permission that the rule's creator or the bot does not have (checked at run time), so it was refused",
    hint: 'Have someone with the permission (re)create the rule, or give the bot the permission and a role above the roles it manages.',
  },
  ZRX_AUTOMATION_BREAKER_OPEN: {
    meaning:
      'a rule failed repeatedly, so its circuit breaker opened and its runs are skipped until the breaker lets a trial run through',
    hint: 'Read the last error with `rules info <id>`, fix the rule, then toggle it off and on to reset the breaker.',
  },
  ZRX_AUTOMATION_ACTION_FAILED: {
    meaning: 'Discord refused an action of a rule (unknown channel or role, missing access, …)',
    hint: 'Check that the channels and roles the rule names still exist and that the bot can reach them.',
  },
  ZRX_AUTOMATION_PLACEHOLDER: {
    meaning:
      'a placeholder could not be rendered at run time (a `{math:…}` divided by zero or overflowed)',
    hint: 'Guard the expression, e.g. avoid dividing by a value that can be 0.',
  },
  ZRX_AUTOMATION_IMPORT: {
    meaning: '`rules import` got a file that is not a JSON export of rules',
    hint: 'Import a file made by `rules export` (a JSON object with a `rules` array).',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code of `@zoryx/automations`: the keys of {@link automationsErrorCatalogue}. */
export type AutomationErrorCode = keyof typeof automationsErrorCatalogue;

/** Extra facts an {@link AutomationError} carries (the rule it concerns, which budget, the fields). */
export interface AutomationErrorDetails {
  readonly ruleId?: string;
  readonly budget?: 'actions' | 'apiCalls' | 'wallMs' | 'depth';
  readonly errors?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
  readonly cause?: unknown;
}

/**
 * The error class of `@zoryx/automations`: a stable `code`, a message that names the rule and
 * field, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await automations.create(guildId, rule, userId); }
 * catch (error) { if (error instanceof AutomationError) console.log(error.code, error.errors); }
 * ```
 */
export class AutomationError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_AUTOMATION_INVALID`. */
  public readonly code: AutomationErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;
  /** The rule the error concerns, when there is one. */
  public readonly ruleId: string | undefined;
  /** For `ZRX_AUTOMATION_BUDGET`: the budget that ran out. */
  public readonly budget: AutomationErrorDetails['budget'];
  /** For `ZRX_AUTOMATION_INVALID`: each field path and what is wrong with it. */
  public readonly errors: ReadonlyArray<{ readonly path: string; readonly message: string }>;

  /** Creates an error; `hint` defaults to the catalogue's. */
  public constructor(
    code: AutomationErrorCode,
    message: string,
    details: AutomationErrorDetails = {},
    hint: string = automationsErrorCatalogue[code].hint,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AutomationError';
    this.code = code;
    this.hint = hint;
    this.ruleId = details.ruleId;
    this.budget = details.budget;
    this.errors = details.errors ?? [];
  }
}

/** True for an {@link AutomationError} (also across module copies, by its name and code). */
export function isAutomationError(value: unknown): value is AutomationError {
  return (
    value instanceof AutomationError ||
    (value instanceof Error &&
      value.name === 'AutomationError' &&
      'code' in value &&
      typeof value.code === 'string')
  );
}
