import { type ComponentEntry, defineComponent } from '@zoryx/framework';
import { answerMessage, ephemeral } from './answer-message.js';

/** `assistant-page:<answer>:<page>`: turns the pages of a long answer. */
export const answerPageButton: ComponentEntry = defineComponent({
  id: 'assistant-page',
  kind: 'button',
  async run(interaction, data, ctx) {
    const [viewId = '', page = '0'] = data.split(':');
    const view = ctx.extensions.get('assistant')?.views.get(viewId);
    if (!view)
      return interaction.reply(ephemeral('This answer is too old to page through; ask again.'));
    return interaction.update(answerMessage(view, Number(page), ANSWER_BUTTONS));
  },
});

/**
 * `assistant-confirm:<id>`: runs a proposed action — only when the user who presses it holds the
 * action's permission (checked now, by the framework's tiers). Anyone else gets an ephemeral
 * refusal and the proposal stays open.
 */
export const confirmActionButton: ComponentEntry = defineComponent({
  id: 'assistant-confirm',
  kind: 'button',
  async run(interaction, id, ctx) {
    const service = ctx.extensions.get('assistant');
    if (!service) return interaction.reply(ephemeral('The assistant is not running.'));
    const outcome = await service
      .confirm(id, interaction.user.id, interaction.guildId ?? undefined)
      .catch((error: unknown) => ({
        ok: true as const,
        result: `It failed: ${error instanceof Error ? error.message : String(error)}`,
      }));
    if (!outcome.ok) return interaction.reply(ephemeral(`🚫 ${outcome.reason}`));
    ctx.logger.info({ action: id, by: interaction.user.id }, 'assistant action confirmed');
    return interaction.reply({
      content: `✅ Confirmed by <@${interaction.user.id}>: ${outcome.result}`,
      allowedMentions: { parse: [] },
    });
  },
});

/** `assistant-cancel:<id>`: drops a proposal (the asker, or anyone who could confirm it). */
export const cancelActionButton: ComponentEntry = defineComponent({
  id: 'assistant-cancel',
  kind: 'button',
  async run(interaction, id, ctx) {
    const service = ctx.extensions.get('assistant');
    const pending = service?.pending.get(id);
    if (!service || !pending)
      return interaction.reply(ephemeral('This proposal expired or was already handled.'));
    const allowed =
      pending.proposedBy === interaction.user.id ||
      (await service.mayConfirm(pending, interaction.user.id, interaction.guildId ?? undefined));
    if (!allowed)
      return interaction.reply(
        ephemeral('🚫 Only the asker or a user who may confirm it can cancel this.'),
      );
    service.pending.take(id);
    return interaction.reply({
      content: `Cancelled: ${pending.preview}`,
      allowedMentions: { parse: [] },
    });
  },
});

/** The entries whose custom ids the answer message carries. */
export const ANSWER_BUTTONS = {
  page: answerPageButton,
  confirm: confirmActionButton,
  cancel: cancelActionButton,
} as const;
