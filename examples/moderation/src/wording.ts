import type { ModActionKind } from './types.js';

/** "ban bob", "kick bob", "time bob out": the action applied to someone, for messages. */
export function actOn(action: ModActionKind, who: string): string {
  return action === 'timeout' ? `time ${who} out` : `${action} ${who}`;
}

/** "banned", "kicked", "timed out". */
export function pastTense(action: ModActionKind): string {
  return { ban: 'banned', kick: 'kicked', timeout: 'timed out' }[action];
}
