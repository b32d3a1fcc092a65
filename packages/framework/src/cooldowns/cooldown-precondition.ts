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
import type { CooldownResult, CooldownRule } from './cooldown-tracker.js';

/** Identifier of the errors this precondition returns. */
export const COOLDOWN = 'ZRX_COOLDOWN';

/** The rule of a command without a cooldown (`cooldownLimit: 0` or `cooldownDelay: 0`). */
export const NO_COOLDOWN: Readonly<CooldownRule> = Object.freeze({
  limit: Number.POSITIVE_INFINITY,
  windowMs: 0,
});

/**
 * The cooldown of a command: the config's per-command override, else the command's own
 * `cooldownLimit`/`cooldownDelay` options (Sapphire's meaning: limit 1 unless given, and a limit
 * or delay of 0 means no cooldown, {@link NO_COOLDOWN}), else `cooldowns.default` (3 per 5 s).
 */
export function cooldownRuleFor(
  command: Pick<Command, 'name' | 'options'>,
  config: ZoryxConfig,
): CooldownRule {
  const override = config.commands[command.name]?.cooldown;
  if (override) return { limit: override.limit, windowMs: override.windowSeconds * 1000 };
  const { cooldownLimit, cooldownDelay } = command.options;
  if (cooldownDelay !== undefined) {
    if (cooldownDelay <= 0 || cooldownLimit === 0) return NO_COOLDOWN;
    return { limit: cooldownLimit ?? 1, windowMs: cooldownDelay };
  }
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
    const rule = cooldownRuleFor(command, runtime.config());
    if (rule.limit === Number.POSITIVE_INFINITY) return this.ok();
    // Synchronous unless several workers share the counters (a shared store is in use).
    const answer = runtime.cooldowns.check(command.name, userId, rule);
    return answer instanceof Promise
      ? answer.then((result) => this.verdict(command, result))
      : this.verdict(command, answer);
  }

  private verdict(command: Command, result: CooldownResult) {
    if (result.ok) return this.ok();
    const seconds = (result.retryAfterMs / 1000).toFixed(1);
    return this.error({
      identifier: COOLDOWN,
      message: `\`${command.name}\` is on cooldown; try again in ${seconds} s.`,
      context: { remaining: result.retryAfterMs },
    });
  }
}
