import { defineCommand } from '@zoryx/framework';
import { QUESTION_MAX } from '../assistant-service.js';
import { ANSWER_BUTTONS } from './answer-buttons.js';
import { answerMessage, ephemeral, errorText } from './answer-message.js';
import { StreamEditor } from './stream-editor.js';
import { usageReport } from './usage-report.js';

/** Streamed text longer than this is shown cut (the final answer is paginated instead). */
const STREAM_PREVIEW_CHARS = 1900;

/**
 * `/ask <question>`: answers from the bot's own introspection, streaming the text into the reply,
 * then shows it paginated with its sources (the tools used) and confirmation buttons for any
 * proposed action. `/ask usage` shows today's usage instead.
 */
export const askCommand = defineCommand({
  name: 'ask',
  description:
    'Ask the bot about itself: commands, extensions, health, docs ("usage": today\'s usage)',
  detail:
    'The assistant answers with the tools you may use (their names are listed as sources). Changes it proposes run only after a permitted user presses Confirm. `/ask usage` shows the token budget.',
  options: {
    question: {
      kind: 'string',
      description: 'Your question (or "usage")',
      required: true,
      max: QUESTION_MAX,
    },
  },
  cooldown: { limit: 3, seconds: 30 },
  async run(interaction, { question }, ctx) {
    const service = ctx.extensions.get('assistant');
    if (!service) return interaction.reply(ephemeral('The assistant is not running.'));
    if (question.trim().toLowerCase() === 'usage') {
      return interaction.reply(ephemeral(await usageReport(service, interaction.user.id)));
    }
    await interaction.deferReply();
    const editor = new StreamEditor(
      (content) => interaction.editReply({ content, allowedMentions: { parse: [] } }),
      service.settings().streamEditMs,
    );
    const channel = interaction.channel;
    try {
      const result = await service.answer(
        question,
        { userId: interaction.user.id, guildId: interaction.guildId ?? undefined },
        {
          place: {
            channelName: channel && 'name' in channel && channel.name ? channel.name : undefined,
            guildName: interaction.guild?.name,
          },
          onTool: (name) => editor.push(`🔎 Looking at \`${name}\`…`),
          onText: (text) =>
            editor.push(
              text.length > STREAM_PREVIEW_CHARS
                ? `${text.slice(0, STREAM_PREVIEW_CHARS)}… ▌`
                : `${text} ▌`,
            ),
        },
      );
      await editor.close();
      const view = service.views.add(result.answer, result.toolsUsed, result.pendingActions);
      return interaction.editReply(answerMessage(view, 0, ANSWER_BUTTONS));
    } catch (error) {
      await editor.close();
      ctx.logger.warn({ err: error, user: interaction.user.id }, 'assistant question failed');
      return interaction.editReply({ content: errorText(error), allowedMentions: { parse: [] } });
    }
  },
});

/** `/ask_usage`: today's token budget and questions (also `/ask usage`). */
export const askUsageCommand = defineCommand({
  name: 'ask_usage',
  description: "The assistant's token budget and questions today",
  async run(interaction, _args, ctx) {
    const service = ctx.extensions.get('assistant');
    if (!service) return interaction.reply(ephemeral('The assistant is not running.'));
    return interaction.reply(ephemeral(await usageReport(service, interaction.user.id)));
  },
});
