import { PermissionFlagsBits } from 'discord.js';
import type { ActionType } from '../model/action-schema.js';

/** What an action needs: Discord permissions, and Discord API requests it makes at most. */
export interface ActionRequirement {
  readonly permissions: readonly bigint[];
  /** API requests charged against the run's `apiCalls` budget before the action runs. */
  readonly apiCalls: number;
  /** Whether the role it manages must be below the creator's and the bot's highest role. */
  readonly managesRole?: boolean;
}

const F = PermissionFlagsBits;

/**
 * The permissions each action needs. A rule can never do more than its creator could by hand:
 * these are checked against the creator (at run time: they may have lost the role since) and
 * against the bot.
 */
export const ACTION_REQUIREMENTS: Readonly<Record<ActionType, ActionRequirement>> = {
  send_message: { permissions: [F.SendMessages], apiCalls: 1 },
  reply: { permissions: [F.SendMessages], apiCalls: 1 },
  dm: { permissions: [], apiCalls: 2 },
  add_role: { permissions: [F.ManageRoles], apiCalls: 1, managesRole: true },
  remove_role: { permissions: [F.ManageRoles], apiCalls: 1, managesRole: true },
  timeout: { permissions: [F.ModerateMembers], apiCalls: 1 },
  delete_message: { permissions: [F.ManageMessages], apiCalls: 1 },
  create_channel: { permissions: [F.ManageChannels], apiCalls: 1 },
  delete_channel: { permissions: [F.ManageChannels], apiCalls: 1 },
  move_member: { permissions: [F.MoveMembers], apiCalls: 1 },
  webhook: { permissions: [F.ManageWebhooks], apiCalls: 1 },
  wait: { permissions: [], apiCalls: 0 },
  set_variable: { permissions: [], apiCalls: 0 },
  increment: { permissions: [], apiCalls: 0 },
  emit_hook: { permissions: [], apiCalls: 0 },
  run_rule: { permissions: [], apiCalls: 0 },
  reaction_role: { permissions: [F.ManageRoles], apiCalls: 1, managesRole: true },
  award_xp: { permissions: [F.ManageRoles, F.SendMessages], apiCalls: 3, managesRole: true },
  open_ticket: { permissions: [F.ManageChannels, F.ManageRoles], apiCalls: 3 },
  close_ticket: { permissions: [F.ManageChannels], apiCalls: 1 },
  temp_voice: { permissions: [F.ManageChannels, F.MoveMembers], apiCalls: 2 },
  cleanup_temp_voice: { permissions: [F.ManageChannels], apiCalls: 2 },
};

/** The permission names of bits, for messages (`ManageRoles`). */
export function permissionNames(bits: readonly bigint[]): string[] {
  return bits.map(
    (bit) =>
      Object.entries(PermissionFlagsBits).find(([, value]) => value === bit)?.[0] ?? String(bit),
  );
}
