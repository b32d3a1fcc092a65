import { ApplicationCommandType } from 'discord-api-types/v10';
import { combinedCharacters } from './character-count.js';
import { isRecord } from './is-record.js';
import { DiscordLimits } from './limits.js';
import { checkOptionList } from './validate-options.js';
import {
  checkChatInputName,
  checkContextMenuName,
  checkLocalizations,
  checkText,
  ValidationContext,
} from './validation-context.js';
import type { Violation } from './violation.js';

const COMMAND_TYPES: ReadonlySet<unknown> = new Set([undefined, 1, 2, 3, 4]);
const CONTEXTS: ReadonlySet<unknown> = new Set([0, 1, 2]);
const INTEGRATION_TYPES: ReadonlySet<unknown> = new Set([0, 1]);

/**
 * Checks one application-command payload against every documented Discord rule, before any API
 * call. Returns `[]` when the command is valid; otherwise one {@link Violation} per broken rule,
 * each naming its path (`options[2].name`) and the limit.
 *
 * The planning hints of a `CommandSpec` (`category`, `priority`, `pinned`) are ignored.
 *
 * @example
 * validateCommand({ name: 'Ban', description: 'Ban a member' });
 * // [{ path: 'name', rule: 'name.lowercase', message: 'name: "Ban" must be lowercase ("ban")' }]
 */
export function validateCommand(cmd: unknown): Violation[] {
  return inspectCommand(cmd).violations;
}

/**
 * {@link validateCommand} plus the command's combined character count, so the planner does not
 * walk every command twice. Internal.
 */
export function inspectCommand(cmd: unknown): { violations: Violation[]; characters: number } {
  const ctx = new ValidationContext();
  if (!isRecord(cmd)) {
    ctx.report('', 'shape', 'a command must be an object');
    return { violations: ctx.violations, characters: 0 };
  }
  if (!COMMAND_TYPES.has(cmd.type)) {
    ctx.report('type', 'type', `${JSON.stringify(cmd.type)} is not a command type (1–4)`);
    return { violations: ctx.violations, characters: 0 };
  }
  const type = (cmd.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType;
  if (type === ApplicationCommandType.ChatInput) {
    checkChatInputName(ctx, 'name', cmd.name);
    checkLocalizations(ctx, 'name_localizations', cmd.name_localizations, (p, v) =>
      checkChatInputName(ctx, p, v),
    );
    const max = DiscordLimits.descriptionLength;
    checkText(ctx, 'description', cmd.description, 'description.length', 1, max);
    checkLocalizations(ctx, 'description_localizations', cmd.description_localizations, (p, v) =>
      checkText(ctx, p, v, 'localization.value', 1, max),
    );
    checkOptionList(ctx, 'options', cmd.options, 'command');
  } else {
    checkContextMenuName(ctx, 'name', cmd.name);
    checkLocalizations(ctx, 'name_localizations', cmd.name_localizations, (p, v) =>
      checkContextMenuName(ctx, p, v),
    );
    if (type !== ApplicationCommandType.PrimaryEntryPoint) {
      if (cmd.description !== undefined && cmd.description !== '') {
        ctx.report(
          'description',
          'description.forbidden',
          'user and message commands have no description',
        );
      }
      if (cmd.description_localizations !== undefined && cmd.description_localizations !== null) {
        ctx.report(
          'description_localizations',
          'description.forbidden',
          'user and message commands have no description',
        );
      }
    }
    if (cmd.options !== undefined) {
      ctx.report('options', 'options.forbidden', 'only chat-input commands take options');
    }
  }
  checkCommandFields(ctx, cmd);
  const characters = combinedCharacters(cmd);
  if (characters > DiscordLimits.combinedCharacters) {
    ctx.report(
      '',
      'length.combined',
      `names, descriptions and choices add up to ${characters} characters; the limit is ${DiscordLimits.combinedCharacters}`,
    );
  }
  return { violations: ctx.violations, characters };
}

function checkCommandFields(ctx: ValidationContext, cmd: Record<string, unknown>): void {
  const permissions = cmd.default_member_permissions;
  if (
    permissions !== undefined &&
    permissions !== null &&
    (typeof permissions !== 'string' || !/^\d+$/.test(permissions))
  ) {
    ctx.report(
      'default_member_permissions',
      'permissions.format',
      `must be a permission bit set as a string of digits, or null (got ${JSON.stringify(permissions)})`,
    );
  }
  const sets = { contexts: CONTEXTS, integration_types: INTEGRATION_TYPES } as const;
  for (const [field, allowed] of Object.entries(sets)) {
    const value = cmd[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || value.some((entry) => !allowed.has(entry))) {
      ctx.report(
        field,
        'contexts.value',
        `must be an array of ${[...allowed].join(', ')} (got ${JSON.stringify(value)})`,
      );
    }
  }
}
