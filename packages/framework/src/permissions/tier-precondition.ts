import {
  AllFlowsPrecondition,
  type ChatInputCommand,
  type Command,
  type ContextMenuCommand,
  type MessageCommand,
  type Precondition,
} from '@sapphire/framework';
import type {
  BaseInteraction,
  ChatInputCommandInteraction,
  ContextMenuCommandInteraction,
  Message,
} from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { commandTarget } from '../commands/command-target.js';
import { requiredBits, subjectFromInteraction, subjectFromMessage } from './subject.js';
import { decidePermission, missingPermissions, type PermissionSubject } from './tiers.js';

/** Identifier of the errors this precondition returns (for denial listeners). */
export const PERMISSION_DENIED = 'ZRX_PERMISSION_DENIED';

/** The title of a refusal reply: a permission denial's (`Bot owners only`…), else none. */
export function denialTitle(error: { identifier: string; context: unknown }): string | undefined {
  if (error.identifier !== PERMISSION_DENIED) return undefined;
  const { context } = error;
  if (typeof context !== 'object' || context === null || !('title' in context)) return undefined;
  return typeof context.title === 'string' ? context.title : undefined;
}

/**
 * A global precondition (runs before every command's own) applying the permission tiers:
 * bot owners → owner-only stop → guild owner → per-guild per-command roles → Discord permissions.
 * The tier that granted an invocation is remembered so that Sapphire's `UserPermissions` check,
 * replaced by {@link TierAwareUserPermissions}, lets owners and role holders through.
 */
export class PermissionTierPrecondition extends AllFlowsPrecondition {
  public constructor(context: Precondition.LoaderContext) {
    super(context, { position: 10 });
  }

  public override messageRun(message: Message, command: MessageCommand) {
    return this.decide(message, command, subjectFromMessage(message));
  }

  public override chatInputRun(
    interaction: ChatInputCommandInteraction,
    command: ChatInputCommand,
  ) {
    return this.decide(interaction, command, subjectFromInteraction(interaction), interaction);
  }

  public override contextMenuRun(
    interaction: ContextMenuCommandInteraction,
    command: ContextMenuCommand,
  ) {
    return this.decide(interaction, command, subjectFromInteraction(interaction));
  }

  private async decide(
    key: Message | BaseInteraction,
    piece: Command,
    subject: PermissionSubject,
    interaction?: ChatInputCommandInteraction,
  ) {
    const runtime = runtimeOf(this.container.client);
    // A folded root is checked as the original command it dispatches to.
    const command = commandTarget(piece, interaction);
    if (!runtime || !command) return this.ok();
    let roles: readonly string[] = [];
    if (subject.guildId) {
      try {
        roles = await runtime.commandRoles(subject.guildId, command.name);
      } catch (error) {
        // An unreadable guild database must not lock everyone out: fall back to the other tiers.
        runtime.logger.warn(
          { err: error, guildId: subject.guildId, command: command.name },
          'could not read the command roles of a guild; checking without them',
        );
      }
    }
    const decision = decidePermission(
      subject,
      {
        name: command.name,
        ownerOnly: runtime.isOwnerOnly(command),
        roles,
        requiredPermissions: requiredBits(command.options.requiredUserPermissions),
      },
      runtime.owners,
    );
    if (!decision.allowed) {
      return this.error({
        identifier: PERMISSION_DENIED,
        message: decision.message,
        context: { reason: decision.reason, title: decision.title },
      });
    }
    runtime.grants.set(key, decision.tier);
    return this.ok();
  }
}

/**
 * Replaces Sapphire's `UserPermissions` precondition (same name) so that a command's
 * `requiredUserPermissions` is enforced by the tiers: an invocation already granted by a higher
 * tier (bot owner, guild owner, configured role) passes; everyone else needs the permissions.
 */
export class TierAwareUserPermissions extends AllFlowsPrecondition {
  public override messageRun(message: Message, command: MessageCommand) {
    return this.check(message, command, subjectFromMessage(message));
  }

  public override chatInputRun(
    interaction: ChatInputCommandInteraction,
    command: ChatInputCommand,
  ) {
    return this.check(interaction, command, subjectFromInteraction(interaction));
  }

  public override contextMenuRun(
    interaction: ContextMenuCommandInteraction,
    command: ContextMenuCommand,
  ) {
    return this.check(interaction, command, subjectFromInteraction(interaction));
  }

  private check(key: Message | BaseInteraction, command: Command, subject: PermissionSubject) {
    const tier = runtimeOf(this.container.client)?.grants.get(key);
    if (tier === 'bot-owner' || tier === 'guild-owner' || tier === 'role') return this.ok();
    const required = requiredBits(command.options.requiredUserPermissions);
    if (subject.hasPermissions(required)) return this.ok();
    const denial = missingPermissions(command.name, required, subject);
    return this.error({
      identifier: PERMISSION_DENIED,
      message: denial.message,
      context: { reason: denial.reason, title: denial.title },
    });
  }
}
