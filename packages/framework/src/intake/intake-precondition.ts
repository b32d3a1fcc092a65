import { AllFlowsPrecondition, type Precondition } from '@sapphire/framework';
import type {
  ChatInputCommandInteraction,
  Client,
  ContextMenuCommandInteraction,
  Message,
} from 'discord.js';
import { runtimeOf } from '../client/runtime.js';
import type { IntakeAnswer, IntakeVerdict } from './intake-limiter.js';

/** Identifier of the errors {@link IntakePrecondition} returns. */
export const INTAKE_LIMITED = 'ZRX_INTAKE_LIMITED';

/** The one notice a user over the command limit gets per window. */
export function slowDownText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You are sending commands too fast. I will ignore your commands for ${seconds} s.`;
}

/**
 * The intake verdict on one command invocation (`target`: its message or interaction): bot
 * owners and clients without the framework's runtime are always admitted. Counted once per
 * target however often it is asked. A promise only when a shared store counts the windows.
 */
export function admitInvocation(client: Client, target: object, userId: string): IntakeAnswer {
  const runtime = runtimeOf(client);
  if (!runtime || runtime.owners.has(userId)) return { ok: true };
  // Synchronous unless several workers share the limits (a shared store is in use).
  return runtime.intake.admit(target, userId);
}

/**
 * Whether a denial must go unanswered: a refusal by the intake limit after its one notice of
 * the window. Denial listeners check this before replying.
 */
export function isSilentDenial(error: { identifier: string; context: unknown }): boolean {
  if (error.identifier !== INTAKE_LIMITED) return false;
  const { context } = error;
  return typeof context === 'object' && context !== null && 'silent' in context
    ? context.silent === true
    : false;
}

/**
 * A global precondition, first of all (before the permission tiers, so refused invocations are
 * counted too): a user over `intake.commandsPerUser` is refused, with one notice per window and
 * silence afterwards (see {@link isSilentDenial}).
 */
export class IntakePrecondition extends AllFlowsPrecondition {
  public constructor(context: Precondition.LoaderContext) {
    super(context, { position: 5 });
  }

  public override messageRun(message: Message) {
    return this.check(message, message.author.id);
  }

  public override chatInputRun(interaction: ChatInputCommandInteraction) {
    return this.check(interaction, interaction.user.id);
  }

  public override contextMenuRun(interaction: ContextMenuCommandInteraction) {
    return this.check(interaction, interaction.user.id);
  }

  private check(target: object, userId: string) {
    const answer = admitInvocation(this.container.client, target, userId);
    return answer instanceof Promise
      ? answer.then((verdict) => this.verdict(verdict))
      : this.verdict(answer);
  }

  private verdict(verdict: IntakeVerdict) {
    if (verdict.ok) return this.ok();
    return this.error({
      identifier: INTAKE_LIMITED,
      message: slowDownText(verdict.retryAfterMs),
      context: { silent: !verdict.notify, retryAfterMs: verdict.retryAfterMs },
    });
  }
}
