// The hook events this extension adds to the bot's vocabulary.

/** Payload of `automation_failed`: a rule run stopped with a coded error. */
export interface AutomationFailedPayload {
  guildId: string;
  ruleId: string;
  code: string;
  message: string;
}

/** Payload of `automation_hook`: emitted by a rule's `emit_hook`; rules with a `hook` trigger run. */
export interface AutomationHookPayload {
  guildId: string;
  name: string;
  data: string;
  /** Nesting so far: `run_rule`/`emit_hook` chains stop at the budget's depth. */
  depth: number;
  userId?: string;
  channelId?: string;
}

/** Payload of a rule's own hook (`automation_rule:<id>`): the run to perform. */
export interface AutomationRulePayload {
  runId: string;
}

declare module '@zoryx/framework' {
  interface HookEvents {
    automation_failed: AutomationFailedPayload;
    automation_hook: AutomationHookPayload;
    /**
     * One hook per rule, so each rule has its own circuit breaker, metrics and timeout on the bus
     * (`hooks list` shows them as `automations:rule:<id>`).
     */
    [ruleEvent: `automation_rule:${string}`]: AutomationRulePayload;
  }
}
