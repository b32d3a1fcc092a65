import { defineComponent, type ExtensionContext, replyEmbed } from '@zoryx/framework';
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  MessageFlags,
} from 'discord.js';

/** How a confirmation ended. */
export type ConfirmationOutcome =
  | { readonly kind: 'confirmed' | 'cancelled'; readonly interaction: ButtonInteraction }
  /** `expired`: the time ran out; `stopped`: `stop()` was called or the extension unloaded. */
  | { readonly kind: 'expired' }
  | { readonly kind: 'stopped' };

/** Options of {@link startConfirmation}. */
export interface ConfirmationOptions {
  /** Makes the buttons' custom ids unique: the id of the invocation that asks. */
  readonly nonce: string;
  /** Only this user may answer; anyone else gets an ephemeral refusal. */
  readonly invokerId: string;
  /** How long to wait for the invoker. */
  readonly timeoutMs: number;
}

/** A pending confirmation: the buttons to send and how it ends. */
export interface Confirmation {
  /** The prompt's buttons: a red confirm button labelled `label` and a grey Cancel. */
  row(label: string): ActionRowBuilder<ButtonBuilder>;
  /** Resolves when the invoker answers, the time runs out, `stop()` is called, or on unload. */
  readonly outcome: Promise<ConfirmationOutcome>;
  /** Ends the wait now (as stopped), e.g. when sending the prompt failed. */
  stop(): void;
}

interface Waiting {
  readonly invokerId: string;
  settle(outcome: ConfirmationOutcome): void;
}

/**
 * The prompts waiting for an answer, per loaded instance of the extension (its `ctx`, the same
 * for its commands and components): a reloaded moderation starts with none, and the old
 * instance's prompts end as stopped when its `ctx.signal` aborts.
 */
const waitingByInstance = new WeakMap<ExtensionContext, Map<string, Waiting>>();

function waitingOf(ctx: ExtensionContext): Map<string, Waiting> {
  let waiting = waitingByInstance.get(ctx);
  if (!waiting) {
    waiting = new Map();
    waitingByInstance.set(ctx, waiting);
  }
  return waiting;
}

/**
 * The buttons of every ban prompt: `moderation:confirm:<nonce>` and `moderation:cancel:<nonce>`
 * (the part after `moderation:` is the `data` the framework passes to `run`). Listed in the
 * extension's `components`, so the handler goes when moderation unloads.
 */
export const confirmationButtons = defineComponent({
  id: 'moderation',
  kind: 'button',
  async run(interaction, data, ctx) {
    const separator = data.indexOf(':');
    const answer = data.slice(0, separator);
    const waiting = waitingOf(ctx).get(data.slice(separator + 1));
    if (!waiting) {
      // Answered, expired, or asked before a restart: the prompt has lost its buttons already,
      // unless this click raced that edit.
      return interaction.reply({
        embeds: [replyEmbed('info', 'This confirmation is over.')],
        flags: MessageFlags.Ephemeral,
      });
    }
    if (interaction.user.id !== waiting.invokerId) {
      return interaction.reply({
        embeds: [replyEmbed('warning', `Only <@${waiting.invokerId}> can answer this.`)],
        flags: MessageFlags.Ephemeral,
      });
    }
    waiting.settle({ kind: answer === 'confirm' ? 'confirmed' : 'cancelled', interaction });
    return undefined;
  },
});

/** Custom id prefix of the confirm buttons (`moderation:confirm:<invocation id>`). */
export const CONFIRM_PREFIX = confirmationButtons.customId('confirm:');
/** Custom id prefix of the cancel buttons. */
export const CANCEL_PREFIX = confirmationButtons.customId('cancel:');

/**
 * Starts waiting for the answer to a confirmation prompt, before the prompt is sent: a user can
 * click as soon as the message appears, possibly before the bot has read the reply's response.
 * The buttons carry the invocation's id, so prompts never answer each other. Clicks by anyone but
 * the invoker get an ephemeral "only X can answer" and do not end the wait. The caller answers
 * the returned button interaction (`update`) and, on expiry, edits the prompt itself.
 */
export function startConfirmation(
  ctx: ExtensionContext,
  options: ConfirmationOptions,
): Confirmation {
  const { nonce } = options;
  const waiting = waitingOf(ctx);
  let resolve!: (outcome: ConfirmationOutcome) => void;
  const outcome = new Promise<ConfirmationOutcome>((settle) => {
    resolve = settle;
  });
  const settle = (result: ConfirmationOutcome) => {
    if (waiting.get(nonce) !== entry) return;
    waiting.delete(nonce);
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', stop);
    resolve(result);
  };
  const stop = () => settle({ kind: 'stopped' });
  const entry: Waiting = { invokerId: options.invokerId, settle };
  waiting.set(nonce, entry);
  const timer = setTimeout(() => settle({ kind: 'expired' }), options.timeoutMs);
  if (ctx.signal.aborted) stop();
  else ctx.signal.addEventListener('abort', stop, { once: true });
  return {
    row: (label) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(confirmationButtons.customId(`confirm:${nonce}`))
          .setLabel(label)
          .setStyle(ButtonStyle.Danger),
        new ButtonBuilder()
          .setCustomId(confirmationButtons.customId(`cancel:${nonce}`))
          .setLabel('Cancel')
          .setStyle(ButtonStyle.Secondary),
      ),
    outcome,
    stop,
  };
}
