import {
  AllFlowsPrecondition,
  type ChatInputCommand,
  type Command,
  type ContextMenuCommand,
  type MessageCommand,
  type Precondition,
} from '@sapphire/framework';
import type {
  ChatInputCommandInteraction,
  ContextMenuCommandInteraction,
  Message,
} from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import { commandTarget } from '../commands/command-target.js';
import type { ZoryxConfig } from '../config/schema.js';
import type { CooldownRule } from './cooldown-tracker.js';

/** Identifier of the errors this precondition returns. */
export const COOLDOWN = 'ZRX_COOLDOWN';

/**
 * The cooldown of a command: the config's per-command override, else the command's own
 * `cooldownLimit`/`cooldownDelay` options, else `cooldowns.default` (3 per 5 s).
 */
export function cooldownRuleFor(command: Command, config: ZoryxConfig): CooldownRule {
  const override = config.commands[command.name]?.cooldown;
  if (override) return { limit: override.limit, windowMs: override.windowSeconds * 1000 };
  const { cooldownLimit, cooldownDelay } = command.options;
  if (cooldownDelay !== undefined) return { limit: cooldownLimit ?? 1, windowMs: cooldownDelay };
  const fallback = config.cooldowns.default;
  return { limit: fallback.limit, windowMs: fallback.windowSeconds * 1000 };
}

/**
 * A global precondition counting uses per command and user (bot owners are exempt). It runs after
 * the permission tiers, so refused invocations do not use up the cooldown.
 */
export class CooldownPrecondition extends AllFlowsPrecondition {
  public constructor(context: Precondition.LoaderContext) {
    super(context, { position: 20 });
  }

  public override messageRun(message: Message, command: MessageCommand) {
    return this.take(command, message.author.id);
  }

  public override chatInputRun(
    interaction: ChatInputCommandInteraction,
    command: ChatInputCommand,
  ) {
    return this.take(commandTarget(command, interaction), interaction.user.id);
  }

  public override contextMenuRun(
    interaction: ContextMenuCommandInteraction,
    command: ContextMenuCommand,
  ) {
    return this.take(command, interaction.user.id);
  }

  private take(command: Command | undefined, userId: string) {
    const runtime = runtimeOf(this.container.client);
    if (!runtime || !command || runtime.owners.has(userId)) return this.ok();
    const result = runtime.cooldowns.take(
      command.name,
      userId,
      cooldownRuleFor(command, runtime.config()),
    );
    if (result.ok) return this.ok();
    const seconds = (result.retryAfterMs / 1000).toFixed(1);
    return this.error({
      identifier: COOLDOWN,
      message: `\`${command.name}\` is on cooldown; try again in ${seconds} s.`,
      context: { remaining: result.retryAfterMs },
    });
  }
}
