import type { ChatInputFit } from './fit-chat-input.js';
import type { ResolvedPlanOptions } from './plan-options.js';
import type { PlanStatus, Route } from './plan-types.js';
import type { Violation } from './violation.js';

/** Everything the status line is computed from. */
export interface StatusInput {
  readonly opts: ResolvedPlanOptions;
  readonly fit: ChatInputFit;
  /** Valid chat-input commands that wanted a slot. */
  readonly demand: number;
  readonly routes: Readonly<Record<string, Route>>;
  readonly invalid: readonly { command: string; violations: Violation[] }[];
  readonly menuOverflow: readonly string[];
}

function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Level and human-readable warnings of a plan (see {@link PlanStatus}). */
export function describeStatus(input: StatusInput): PlanStatus {
  const { opts, fit, demand, routes, invalid, menuOverflow } = input;
  const used = fit.register.length;
  const warnings: string[] = [];
  if (demand >= opts.warningThreshold) {
    warnings.push(
      `${demand} valid chat-input commands; ${used} of ${opts.maxTopLevel} registered (safe limit ${opts.safeLimit}, warning at ${opts.warningThreshold})`,
    );
  }
  if (fit.folded.size > 0) {
    warnings.push(`${fit.folded.size} commands folded into ${fit.rootCount} category roots`);
  }
  if (fit.mergedCategories.length > 0) {
    warnings.push(
      `too many categories for separate roots: ${listNames([...fit.mergedCategories])} share the default root`,
    );
  }
  const unreachable = Object.entries(routes)
    .filter(([, route]) => route.kind === 'prefix-only' || route.kind === 'excluded')
    .map(([name]) => name)
    .sort();
  if (unreachable.length > 0) {
    const kind = opts.prefixFallback ? 'prefix-only' : 'excluded';
    warnings.push(`${unreachable.length} commands are ${kind}: ${listNames(unreachable)}`);
  }
  if (menuOverflow.length > 0) {
    warnings.push(
      `${menuOverflow.length} context-menu commands over the cap of ${opts.contextMenuLimit}: ${listNames(menuOverflow)}`,
    );
  }
  if (invalid.length > 0) {
    warnings.push(
      `${invalid.length} invalid commands not registered: ${listNames(invalid.map((i) => i.command))}`,
    );
  }
  const level =
    unreachable.length > 0 || invalid.length > 0
      ? 'critical'
      : demand >= opts.warningThreshold
        ? 'warning'
        : 'ok';
  return { used, limit: opts.maxTopLevel, level, warnings };
}
