import {
  type CommandInteraction,
  defineCommand,
  defineComponent,
  type ExtensionContext,
  ReplyColor,
} from '@zoryx/framework';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  EmbedBuilder,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { AutomationError, isAutomationError } from '../errors.js';
import type { AutomationsApi } from '../extension/automations-api.js';
import { PRESETS } from '../presets/preset-catalogue.js';
import { parseJsonText, readJsonAttachment } from './rule-json.js';

const ACTIONS = [
  'list',
  'info',
  'create',
  'edit',
  'toggle',
  'delete',
  'test',
  'templates',
  'export',
  'import',
  'automod',
] as const;

function apiOf(ctx: ExtensionContext): AutomationsApi {
  return ctx.extensions.require('automations');
}

function embed(title: string, description: string, color: number = ReplyColor.info): EmbedBuilder {
  return new EmbedBuilder()
    .setTitle(title)
    .setDescription(description.slice(0, 4000))
    .setColor(color);
}

/** The answer to a failed command: the code, what was wrong (each field), the hint. */
export function errorEmbed(error: unknown): EmbedBuilder {
  if (!isAutomationError(error))
    return embed('Error', error instanceof Error ? error.message : String(error), ReplyColor.error);
  const fields = error.errors.map((e) => `• \`${e.path}\`: ${e.message}`).join('\n');
  return embed(
    error.code,
    `${error.errors.length > 0 ? fields : error.message}\n\n${error.hint}`,
    ReplyColor.error,
  );
}

/** The modal that takes a rule as JSON (`create`, or `edit:<id>` with the rule prefilled). */
export const ruleModal = defineComponent({
  id: 'automations-rule',
  kind: 'modal',
  async run(interaction: ModalSubmitInteraction, data, ctx) {
    if (!interaction.inGuild()) return;
    const api = apiOf(ctx);
    try {
      const rule = parseJsonText(interaction.fields.getTextInputValue('json'), 'The rule');
      if (data.startsWith('edit:')) {
        await api.update(interaction.guildId, data.slice(5), rule, interaction.user.id);
        await interaction.reply({
          embeds: [embed('Rule saved', `\`${data.slice(5)}\``, ReplyColor.success)],
          flags: MessageFlags.Ephemeral,
        });
      } else {
        const { id } = await api.create(interaction.guildId, rule, interaction.user.id);
        await interaction.reply({
          embeds: [embed('Rule created', `\`${id}\``, ReplyColor.success)],
          flags: MessageFlags.Ephemeral,
        });
      }
    } catch (error) {
      await interaction.reply({ embeds: [errorEmbed(error)], flags: MessageFlags.Ephemeral });
    }
  },
});

function modalFor(customId: string, title: string, value?: string): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId('json')
    .setLabel('Rule (JSON)')
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(true);
  if (value) input.setValue(value.slice(0, 4000));
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle(title)
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
}

async function ruleInput(
  interaction: CommandInteraction,
  args: {
    preset?: string | undefined;
    json?: string | undefined;
    file?: { size: number; url: string } | undefined;
  },
  api: AutomationsApi,
): Promise<unknown> {
  if (args.preset)
    return api.fromPreset(
      args.preset,
      args.json ? asParams(parseJsonText(args.json, 'The preset parameters')) : {},
    );
  if (args.file && interaction.options.getAttachment('file'))
    return readJsonAttachment(interaction.options.getAttachment('file', true), 'The rule file');
  if (args.json) return parseJsonText(args.json, 'The rule');
  return undefined;
}

function asParams(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AutomationError(
      'ZRX_AUTOMATION_INVALID',
      'The preset parameters must be a JSON object.',
      { errors: [{ path: 'params', message: 'must be an object' }] },
    );
  }
  return Object.fromEntries(Object.entries(value));
}

function requireId(id: string | undefined): string {
  if (!id) throw new AutomationError('ZRX_AUTOMATION_NOT_FOUND', 'Give the rule id (`id` option).');
  return id;
}

/** `rules <action>`: manage the server's automation rules (Manage Server). */
export const rulesCommand = defineCommand({
  name: 'rules',
  description:
    'Automation rules: list, info, create, edit, toggle, delete, test, templates, export, import…',
  detail:
    'create/edit take a preset (`preset` + `json` parameters), a rule as `json` or a JSON `file`, or open a modal. test runs a dry run (`json`: an event). export/import move rules between servers. automod installs `word-filter` or `mention-spam` (`json` parameters) as a native Discord AutoMod rule.',
  category: 'automations',
  guildOnly: true,
  permissions: ['ManageGuild'],
  // Rules are edited in bursts (create, test, tweak, test again): a looser cooldown than 3 per 5 s.
  cooldown: { limit: 20, seconds: 10 },
  options: {
    action: { kind: 'string', description: 'What to do', required: true, choices: ACTIONS },
    id: { kind: 'string', description: 'Rule id (info, edit, toggle, delete, test)' },
    preset: { kind: 'string', description: 'Preset name (create)' },
    json: { kind: 'string', description: 'Rule, preset parameters or test event as JSON' },
    file: {
      kind: 'attachment',
      description: 'Rule or export as a JSON file (create, edit, import)',
    },
  },
  async run(interaction, args, ctx) {
    const guildId = interaction.guildId;
    if (!guildId) return;
    const api = apiOf(ctx);
    const reply = (e: EmbedBuilder, files: AttachmentBuilder[] = []) =>
      interaction.reply({
        embeds: [e],
        files,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
    try {
      switch (args.action) {
        case 'list': {
          const rules = await api.list(guildId);
          return reply(
            embed(
              `Rules (${rules.length})`,
              rules.map((r) => `\`${r.id}\` ${r.enabled ? '🟢' : '⚪'} ${r.name}`).join('\n') ||
                'No rules yet: `rules templates` shows presets.',
            ),
          );
        }
        case 'info': {
          const info = await api.get(guildId, requireId(args.id));
          const body = JSON.stringify(info.rule, null, 1);
          return reply(
            embed(
              info.name,
              `id \`${info.id}\` · ${info.enabled ? 'on' : 'off'} · by <@${info.creatorId}>\nruns ${info.runs.started} started, ${info.runs.queued} queued, ${info.runs.overflowed} refused\nlast error: ${info.lastError ?? 'none'}\n\`\`\`json\n${body.slice(0, 3000)}\n\`\`\``,
            ),
          );
        }
        case 'create':
        case 'edit': {
          const id = args.action === 'edit' ? requireId(args.id) : undefined;
          const rule = await ruleInput(interaction, args, api);
          if (rule === undefined) {
            const current = id
              ? JSON.stringify((await api.get(guildId, id)).rule, null, 1)
              : undefined;
            return interaction.showModal(
              modalFor(
                ruleModal.customId(id ? `edit:${id}` : 'create'),
                id ? 'Edit rule' : 'New rule',
                current,
              ),
            );
          }
          if (id) {
            await api.update(guildId, id, rule, interaction.user.id);
            return reply(embed('Rule saved', `\`${id}\``, ReplyColor.success));
          }
          const created = await api.create(guildId, rule, interaction.user.id);
          return reply(
            embed(
              'Rule created',
              `\`${created.id}\` — \`rules test id:${created.id}\` shows what it would do.`,
              ReplyColor.success,
            ),
          );
        }
        case 'toggle': {
          const id = requireId(args.id);
          const info = await api.get(guildId, id);
          await api.setEnabled(guildId, id, !info.enabled);
          return reply(
            embed(
              'Rule toggled',
              `\`${id}\` is now ${info.enabled ? 'off' : 'on'}.`,
              ReplyColor.success,
            ),
          );
        }
        case 'delete':
          await api.remove(guildId, requireId(args.id));
          return reply(embed('Rule deleted', `\`${args.id}\``, ReplyColor.success));
        case 'test': {
          const result = await api.test(
            guildId,
            requireId(args.id),
            args.json ? parseJsonText(args.json, 'The test event') : undefined,
          );
          const conditions = result.conditions
            .map((c) => `${c.result ? '✅' : '❌'} ${c.condition.slice(0, 150)}`)
            .join('\n');
          return reply(
            embed(
              `Dry run: ${result.matched ? 'matched' : 'no match'}`,
              `${conditions ? `**Conditions**\n${conditions}\n` : ''}**Actions**\n${result.actions.join('\n') || '(none)'}`,
            ),
          );
        }
        case 'templates':
          return reply(
            embed(
              'Presets',
              [...PRESETS.values()].map((p) => `**${p.name}** — ${p.description}`).join('\n'),
            ),
          );
        case 'export': {
          const data = await api.exportRules(guildId);
          const file = new AttachmentBuilder(Buffer.from(JSON.stringify(data, null, 2)), {
            name: 'rules.json',
          });
          return reply(embed('Export', `${data.rules.length} rule(s).`), [file]);
        }
        case 'automod': {
          // The keyword/regex or mention-spam preset as a native Discord AutoMod rule.
          const preset = args.preset ?? 'word-filter';
          const params = args.json
            ? asParams(parseJsonText(args.json, 'The AutoMod parameters'))
            : {};
          const { id } = await api.installAutoMod(guildId, preset, params);
          return reply(
            embed(
              'AutoMod rule installed',
              `Discord now enforces \`${preset}\` itself (AutoMod rule \`${id}\`).`,
              ReplyColor.success,
            ),
          );
        }
        case 'import': {
          const attachment = interaction.options.getAttachment('file');
          const data = attachment
            ? await readJsonAttachment(attachment, 'The export')
            : args.json
              ? parseJsonText(args.json, 'The export')
              : undefined;
          if (data === undefined)
            throw new AutomationError(
              'ZRX_AUTOMATION_IMPORT',
              'Attach the export file (`file`) or paste it as `json`.',
            );
          const { ids } = await api.importRules(guildId, data, interaction.user.id);
          return reply(
            embed(
              'Imported',
              ids.map((id) => `\`${id}\``).join(', ') || 'nothing',
              ReplyColor.success,
            ),
          );
        }
      }
    } catch (error) {
      return reply(errorEmbed(error));
    }
  },
});
