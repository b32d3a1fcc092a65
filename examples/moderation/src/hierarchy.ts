import type { ModActionKind } from './types.js';
import { actOn, pastTense } from './wording.js';

/** A member as the hierarchy rules see them: an id and the position of their highest role. */
export interface RankedMember {
  readonly id: string;
  /** Position of the member's highest role (`@everyone` is 0; higher is more powerful). */
  readonly position: number;
}

/** Who is involved in a moderation action. */
export interface HierarchyInput {
  readonly action: ModActionKind;
  readonly ownerId: string;
  readonly invoker: RankedMember;
  readonly bot: RankedMember;
  /** The target's id and, when they are a member of the guild, their highest role position. */
  readonly target: { readonly id: string; readonly name: string; readonly position?: number };
}

/** Why an action is refused. */
export type RefusalReason = 'self' | 'owner' | 'bot' | 'invoker-rank' | 'bot-rank';

/** A refused action, with the sentence shown to the moderator. */
export interface Refusal {
  readonly reason: RefusalReason;
  readonly message: string;
}

/**
 * Discord's moderation rules, checked before asking Discord (which would answer a bare 50013):
 * nobody acts on themselves, on the guild owner or through the bot on the bot; the invoker's
 * highest role must be above the target's (the owner is above everyone); and so must the bot's.
 * A target who is not a member (a ban by id) has no roles, so only the first three rules apply.
 */
export function checkHierarchy(input: HierarchyInput): Refusal | null {
  const { action, ownerId, invoker, bot, target } = input;
  if (target.id === invoker.id) {
    return { reason: 'self', message: `You cannot ${actOn(action, 'yourself')}.` };
  }
  if (target.id === ownerId) {
    return {
      reason: 'owner',
      message: `${target.name} owns this server and cannot be ${pastTense(action)}.`,
    };
  }
  if (target.id === bot.id) {
    return { reason: 'bot', message: `I will not ${actOn(action, 'myself')}.` };
  }
  if (target.position === undefined) return null;
  if (invoker.id !== ownerId && invoker.position <= target.position) {
    return {
      reason: 'invoker-rank',
      message: `Your highest role must be above ${target.name}'s to ${actOn(action, 'them')}.`,
    };
  }
  if (bot.position <= target.position) {
    return {
      reason: 'bot-rank',
      message: `My highest role must be above ${target.name}'s to ${actOn(action, 'them')}. Move my role higher in the server's role settings.`,
    };
  }
  return null;
}
