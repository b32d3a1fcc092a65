import { defineCommand } from '@zoryx/framework';
import { alertChannelCommand } from '../shared/alert-channel-command.js';
import { clip, styledEmbed, successEmbed, warningEmbed } from '../shared/embeds.js';
import { extensionViewOptions } from '../shared/interactive-view.js';
import { paginate, sendPaginatedView } from '../shared/pagination.js';
import { respond } from '../shared/replies.js';
import { apiOrReply } from '../shared/running-extension.js';
import { explainExtension } from './extension-report.js';
import { infoFields, listField, problemLine } from './registry-format.js';

/** Name of the registry extension. */
export const REGISTRY = 'registry';
/** Extensions per `pr_list` page. */
export const EXTENSIONS_PER_PAGE = 10;
const VIEW_TIMEOUT_MS = 180_000;
/** `pr_list` / `pr_info` cooldown, as in the original: once per 10 s per user. */
const COOLDOWN = { limit: 1, seconds: 10 } as const;

/** `pr_list`: every extension with version, state and problem markers, 10 per page. */
export const prListCommand = defineCommand({
  name: 'pr_list',
  description: 'Extensions with versions, state and dependency/conflict markers',
  detail: 'Markers: ❌ unsatisfied dependency, ⚠️ conflict, 🔄 dependency cycle.',
  cooldown: COOLDOWN,
  async run(interaction, _args, ctx) {
    const service = await apiOrReply(interaction, ctx, 'registry');
    if (!service) return;
    const entries = await service.entries();
    const loaded = entries.filter((e) => e.status?.state === 'loaded').length;
    const summary = `${entries.length} extensions, ${loaded} loaded`;
    const pages = paginate(entries, EXTENSIONS_PER_PAGE).map((chunk) =>
      styledEmbed('info', 'Extensions', summary, chunk.map(listField)),
    );
    await sendPaginatedView(interaction, { pages, ...extensionViewOptions(ctx, VIEW_TIMEOUT_MS) });
    return undefined;
  },
});

/** `pr_info <extension>`: version, author, commands, hooks, dependencies, conflicts, cycles. */
export const prInfoCommand = defineCommand({
  name: 'pr_info',
  description: 'Details of one extension: commands, hooks, dependencies, conflicts, cycles',
  cooldown: COOLDOWN,
  options: {
    extension: { kind: 'string', description: 'Extension name', required: true },
  },
  async run(interaction, { extension }, ctx) {
    const service = await apiOrReply(interaction, ctx, 'registry');
    if (!service) return;
    const name = extension.trim().toLowerCase();
    const entry = (await service.entries()).find((e) => e.name === name);
    if (!entry) {
      return respond(
        interaction,
        [warningEmbed(`No extension named \`${name}\`. See \`pr_list\`.`, 'Unknown extension')],
        { ephemeral: true },
      );
    }
    const { client } = ctx;
    const commands = client.pieceOwners
      .piecesOf(name)
      .filter((p) => p.store === 'commands')
      .map((p) => p.name)
      .sort();
    const hooks = client.hooks.hooks().filter((h) => h.owner === name);
    const dependents = entry.status?.state === 'loaded' ? client.extensions.dependentsOf(name) : [];
    const description = entry.status?.description ?? entry.manifest?.description;
    return respond(interaction, [
      styledEmbed(
        'info',
        `Extension ${name}`,
        description,
        infoFields(entry, { commands, hooks, dependents }),
      ),
    ]);
  },
});

/** `pr_validate <extension>` (owner): the resolver's verdict and explanation. */
export const prValidateCommand = defineCommand({
  name: 'pr_validate',
  description: "The resolver's verdict on one extension, with the full explanation (owner)",
  access: 'owner',
  options: {
    extension: { kind: 'string', description: 'Extension name', required: true },
  },
  async run(interaction, { extension }, ctx) {
    const service = await apiOrReply(interaction, ctx, 'registry');
    if (!service) return;
    const name = extension.trim().toLowerCase();
    const manifests = await service.manifests();
    const subject = manifests.find((m) => m.name === name);
    if (!subject) {
      return respond(
        interaction,
        [
          warningEmbed(
            `No readable definition for \`${name}\`: it is not among the extensions the bot knows, or its code never evaluated.`,
            'Unknown extension',
          ),
        ],
        { ephemeral: true },
      );
    }
    const enforcement = await service.enforcement();
    const verdict = explainExtension(subject, manifests, enforcement);
    const errors = verdict.problems.filter((p) => p.severity === 'error').length;
    const kind = !verdict.ok ? 'error' : verdict.problems.length > 0 ? 'warning' : 'success';
    const headline = !verdict.ok
      ? `❌ \`${name}@${subject.version}\` would be refused (${errors} error${errors === 1 ? '' : 's'}).`
      : verdict.problems.length > 0
        ? `⚠️ \`${name}@${subject.version}\` loads with warnings.`
        : `✅ \`${name}@${subject.version}\` resolves cleanly.`;
    const lines = verdict.problems.map(problemLine).join('\n');
    const toggles = `dependencies ${enforcement.dependencies ? 'on' : 'off'}, conflicts ${enforcement.conflicts ? 'on' : 'off'}`;
    return respond(interaction, [
      styledEmbed(
        kind,
        `Validation of ${name}`,
        clip([headline, lines].filter(Boolean).join('\n\n'), 4000),
        [
          { name: 'Enforcement', value: toggles },
          {
            name: 'Resolver explanation',
            value: `\`\`\`\n${clip(verdict.explanation, 1000)}\n\`\`\``,
          },
        ],
      ),
    ]);
  },
});

/** `pr_enforce <deps|conflicts> [enabled]` (owner): toggles (or sets) enforcement, persisted. */
export const prEnforceCommand = defineCommand({
  name: 'pr_enforce',
  description: 'Toggle dependency or conflict enforcement of the resolver (owner)',
  detail:
    'Without `enabled` the setting is toggled. It is persisted (framework/enforcement.json) and applies to the next load or reload.',
  access: 'owner',
  options: {
    kind: {
      kind: 'string',
      description: 'What to enforce',
      required: true,
      choices: ['deps', 'conflicts'],
    },
    enabled: { kind: 'boolean', description: 'On or off (default: toggle)' },
  },
  async run(interaction, { kind, enabled }, ctx) {
    const service = await apiOrReply(interaction, ctx, 'registry');
    if (!service) return;
    const key = kind === 'deps' ? 'dependencies' : 'conflicts';
    const current = await service.enforcement();
    const next = enabled ?? !current[key];
    const saved = await service.setEnforcement({ [key]: next });
    const label = key === 'dependencies' ? 'Dependency' : 'Conflict';
    return respond(interaction, [
      (next ? successEmbed : warningEmbed)(
        `${label} enforcement is **${next ? 'on' : 'off'}**${next ? '' : ': offending extensions load with a warning'}. It applies to the next load or reload.\nNow: dependencies ${saved.dependencies !== false ? 'on' : 'off'}, conflicts ${saved.conflicts !== false ? 'on' : 'off'}.`,
        'Enforcement',
      ),
    ]);
  },
});

/** `pr_alert_channel [channel] [off]` (owner). */
export const prAlertChannelCommand = alertChannelCommand({
  name: 'pr_alert_channel',
  what: 'extension registry',
  alertsOf: (ctx) => ctx.extensions.get('registry')?.alerts,
});
