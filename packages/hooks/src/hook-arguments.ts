import { HookError } from './errors.js';
import { msOption } from './options.js';
import type { HookOptions } from './types.js';

/** The validated arguments of `HookBus#on`. */
export interface HookRegistration {
  readonly event: string;
  readonly id: string;
  readonly priority: number;
  readonly timeoutMs: number;
  readonly owner: string | undefined;
}

/** A `ZRX_HOOK_INVALID_OPTION` error naming the argument. */
export function invalidArgument(argument: string, expected: string): HookError {
  return new HookError(
    'ZRX_HOOK_INVALID_OPTION',
    `${argument} must be ${expected}`,
    `Pass ${argument} as ${expected}.`,
    { argument },
  );
}

/** Validates an event name (`ZRX_HOOK_INVALID_EVENT`). */
export function eventName(event: unknown, argument = 'event'): string {
  if (typeof event === 'string' && event.length > 0) return event;
  throw new HookError(
    'ZRX_HOOK_INVALID_EVENT',
    `${argument} must be a non-empty string, got ${typeof event === 'string' ? 'an empty string' : typeof event}`,
    'Use an event name declared in HookEvents, e.g. "level_up".',
    { argument },
  );
}

/** Validates an integer argument >= 0. */
export function countArgument(argument: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidArgument(argument, 'an integer >= 0');
  }
}

/**
 * Validates everything `on` was given and fills in defaults. The id defaults to
 * `event:handlerName`; anonymous handlers get `event:anonymous#n` (such ids differ between runs,
 * so their state cannot follow a hot reload — name the function or pass an id).
 */
export function resolveRegistration(
  event: unknown,
  handler: unknown,
  options: HookOptions | undefined,
  defaultTimeoutMs: number,
  nextAnonymous: () => number,
): HookRegistration {
  const name = eventName(event);
  if (typeof handler !== 'function') {
    throw new HookError(
      'ZRX_HOOK_INVALID_HANDLER',
      `handler for event "${name}" must be a function, got ${handler === null ? 'null' : typeof handler}`,
      'Pass a function (payload, ctx) => …, e.g. bus.on(event, async (payload) => { … }).',
      { argument: 'handler' },
    );
  }
  const o = options ?? {};
  if (typeof o !== 'object' || o === null) throw invalidArgument('options', 'an object');
  const fnName: unknown = handler.name;
  const id =
    o.id ??
    (typeof fnName === 'string' && fnName.length > 0 && fnName !== 'anonymous'
      ? `${name}:${fnName}`
      : `${name}:anonymous#${nextAnonymous()}`);
  if (typeof id !== 'string' || id.length === 0) {
    throw invalidArgument('options.id', 'a non-empty string');
  }
  const priority = o.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    throw invalidArgument('options.priority', 'a finite number');
  }
  if (o.owner !== undefined && (typeof o.owner !== 'string' || o.owner.length === 0)) {
    throw invalidArgument('options.owner', 'a non-empty string');
  }
  const timeoutMs = msOption('options.timeoutMs', o.timeoutMs, defaultTimeoutMs, true);
  return { event: name, id, priority, timeoutMs, owner: o.owner };
}
