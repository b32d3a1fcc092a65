import { SlashLimitError } from './errors.js';
import { DiscordLimits } from './limits.js';
import type { PlanOptions } from './plan-types.js';
import { checkChatInputName, ValidationContext } from './validation-context.js';

/** {@link PlanOptions} with every default applied and checked. */
export interface ResolvedPlanOptions {
  readonly maxTopLevel: number;
  readonly warningThreshold: number;
  readonly safeLimit: number;
  readonly fold: boolean;
  readonly prefixFallback: boolean;
  readonly rootNames: Readonly<Record<string, string>>;
  readonly contextMenuLimit: number;
}

/**
 * Applies defaults and rejects inconsistent thresholds loudly (the Python original sanitised them
 * silently and then never applied them).
 */
export function resolvePlanOptions(options: PlanOptions = {}): ResolvedPlanOptions {
  const maxTopLevel = options.maxTopLevel ?? DiscordLimits.chatInputCommands;
  const safeLimit = options.safeLimit ?? Math.min(95, maxTopLevel);
  const warningThreshold = options.warningThreshold ?? Math.min(90, safeLimit);
  const contextMenuLimit = options.contextMenuLimit ?? DiscordLimits.userCommands;
  const wholeIn = (value: number, low: number, high: number) =>
    Number.isInteger(value) && value >= low && value <= high;
  if (!wholeIn(maxTopLevel, 1, DiscordLimits.chatInputCommands)) {
    throw optionsError(
      `maxTopLevel ${maxTopLevel} is outside 1–100`,
      'Use a whole number from 1 to 100 (Discord allows 100).',
    );
  }
  if (!wholeIn(safeLimit, 1, maxTopLevel)) {
    throw optionsError(
      `safeLimit ${safeLimit} is outside 1–${maxTopLevel} (maxTopLevel)`,
      'Set safeLimit at or below maxTopLevel, e.g. 95.',
    );
  }
  if (!wholeIn(warningThreshold, 0, safeLimit)) {
    throw optionsError(
      `warningThreshold ${warningThreshold} is outside 0–${safeLimit} (safeLimit)`,
      'Set warningThreshold at or below safeLimit, e.g. 90.',
    );
  }
  if (!wholeIn(contextMenuLimit, 0, DiscordLimits.userCommands)) {
    throw optionsError(
      `contextMenuLimit ${contextMenuLimit} is outside 0–${DiscordLimits.userCommands}`,
      'Use a whole number from 0 to 15.',
    );
  }
  const rootNames = options.rootNames ?? {};
  for (const [category, name] of Object.entries(rootNames)) {
    const ctx = new ValidationContext();
    checkChatInputName(ctx, `rootNames.${category}`, name);
    if (ctx.violations.length > 0 || [...name].length > 28) {
      throw optionsError(
        `rootNames["${category}"] = ${JSON.stringify(name)} is not a usable root name`,
        'Use 1–28 lowercase letters, digits, "-" or "_" (4 characters stay free for "-2" suffixes).',
      );
    }
  }
  return {
    maxTopLevel,
    warningThreshold,
    safeLimit,
    fold: options.fold ?? true,
    prefixFallback: options.prefixFallback ?? true,
    rootNames,
    contextMenuLimit,
  };
}

function optionsError(message: string, hint: string): SlashLimitError {
  return new SlashLimitError('ZRX_SLASH_OPTIONS', `planCommands options: ${message}`, hint);
}
