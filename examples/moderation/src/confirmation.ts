import { replyEmbed } from '@zoryx/framework';
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  type Client,
  ComponentType,
  InteractionCollector,
  InteractionType,
  MessageFlags,
} from 'discord.js';

/** Custom id prefix of the confirm buttons (`moderation:confirm:<invocation id>`). */
export const CONFIRM_PREFIX = 'moderation:confirm:';
/** Custom id prefix of the cancel buttons. */
export const CANCEL_PREFIX = 'moderation:cancel:';

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
  /** Ends the wait early (as stopped), e.g. when the extension unloads. */
  readonly signal: AbortSignal;
}

/** A pending confirmation: the buttons to send and how it ends. */
export interface Confirmation {
  /** The prompt's buttons: a red confirm button labelled `label` and a grey Cancel. */
  row(label: string): ActionRowBuilder<ButtonBuilder>;
  /** Resolves when the invoker answers, the time runs out, `stop()` is called, or on abort. */
  readonly outcome: Promise<ConfirmationOutcome>;
  /** Ends the wait now (as stopped), e.g. when sending the prompt failed. */
  stop(): void;
}

/**
 * Starts listening for the answer to a confirmation prompt, before the prompt is sent: a user can
 * click as soon as the message appears, possibly before the bot has read the reply's response.
 * The buttons carry the invocation's id, so prompts never answer each other. Clicks by anyone but
 * the invoker get an ephemeral "only X can answer" and do not end the wait. The caller answers
 * the returned button interaction (`update`) and, on expiry, edits the prompt itself.
 */
export function startConfirmation(
  client: Client<true>,
  options: ConfirmationOptions,
): Confirmation {
  const confirmId = `${CONFIRM_PREFIX}${options.nonce}`;
  const cancelId = `${CANCEL_PREFIX}${options.nonce}`;
  const collector = new InteractionCollector<ButtonInteraction>(client, {
    interactionType: InteractionType.MessageComponent,
    componentType: ComponentType.Button,
    time: options.timeoutMs,
    filter: (click) => click.customId === confirmId || click.customId === cancelId,
  });
  const stop = () => collector.stop('stopped');
  const outcome = new Promise<ConfirmationOutcome>((resolve) => {
    collector.on('collect', async (click) => {
      if (click.user.id !== options.invokerId) {
        await click
          .reply({
            embeds: [replyEmbed('warning', `Only <@${options.invokerId}> can answer this.`)],
            flags: MessageFlags.Ephemeral,
          })
          .catch(() => undefined);
        return;
      }
      collector.stop('answered');
      resolve({
        kind: click.customId === confirmId ? 'confirmed' : 'cancelled',
        interaction: click,
      });
    });
    collector.on('end', (_collected, reason) => {
      options.signal.removeEventListener('abort', stop);
      if (reason === 'time') resolve({ kind: 'expired' });
      else if (reason !== 'answered') resolve({ kind: 'stopped' });
    });
  });
  if (options.signal.aborted) stop();
  else options.signal.addEventListener('abort', stop, { once: true });
  return {
    row: (label) =>
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(confirmId).setLabel(label).setStyle(ButtonStyle.Danger),
        new ButtonBuilder()
          .setCustomId(cancelId)
          .setLabel('Cancel')
          .setStyle(ButtonStyle.Secondary),
      ),
    outcome,
    stop,
  };
}
