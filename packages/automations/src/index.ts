export type { EventFacts } from './engine/event-facts.js';
export {
  AutomationError,
  type AutomationErrorCode,
  automationsErrorCatalogue,
  isAutomationError,
} from './errors.js';
export type { AutomationsApi, RuleInfo, RulesExport } from './extension/automations-api.js';
export { automations as default } from './extension/automations-extension.js';
export type { Action, ActionType } from './model/action-schema.js';
export type { Condition } from './model/condition-schema.js';
export {
  BUDGET_LIMITS,
  type Budget,
  RULE_VERSION,
  type Rule,
  type RuleInput,
  ruleSchema,
} from './model/rule-schema.js';
export { TRIGGER_EVENTS, type Trigger, type TriggerEvent } from './model/trigger-schema.js';
export { type RuleProblem, type RuleValidation, validateRule } from './model/validate-rule.js';
export { evaluateMath, parseMath } from './placeholders/arithmetic.js';
export {
  checkPlaceholders,
  PLACEHOLDERS,
  renderPlaceholders,
} from './placeholders/placeholders.js';
export type { AutomationFailedPayload, AutomationHookPayload } from './service/hook-vocabulary.js';
