import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { isRecord } from './is-record.js';
import { DiscordLimits } from './limits.js';
import {
  checkChatInputName,
  checkLocalizations,
  checkText,
  joinPath,
  type ValidationContext,
} from './validation-context.js';

/** Which level of a chat-input command an option list sits at. */
type Level = 'command' | 'group' | 'subcommand';

const CONTAINERS: ReadonlySet<unknown> = new Set([T.Subcommand, T.SubcommandGroup]);
const WITH_CHOICES: ReadonlySet<unknown> = new Set([T.String, T.Integer, T.Number]);
const NUMERIC: ReadonlySet<unknown> = new Set([T.Integer, T.Number]);
const OPTION_TYPES: ReadonlySet<unknown> = new Set(
  Object.values(T).filter((v) => typeof v === 'number'),
);

/** Validates the `options` array found at `path` (one nesting level) and everything below it. */
export function checkOptionList(
  ctx: ValidationContext,
  path: string,
  options: unknown,
  level: Level,
): void {
  if (options === undefined) {
    if (level === 'group')
      ctx.report(path, 'options.empty-group', 'a group needs 1–25 subcommands');
    return;
  }
  if (!Array.isArray(options)) {
    ctx.report(path, 'shape', 'options must be an array');
    return;
  }
  if (level === 'group' && options.length === 0) {
    ctx.report(path, 'options.empty-group', 'a group needs 1–25 subcommands');
  }
  if (options.length > DiscordLimits.options) {
    ctx.report(
      path,
      'options.count',
      `has ${options.length} entries; the limit is ${DiscordLimits.options}`,
    );
  }
  const seen = new Set<string>();
  let containers = 0;
  let sawOptional = false;
  options.forEach((option: unknown, index) => {
    const optionPath = `${path}[${index}]`;
    if (!isRecord(option)) {
      ctx.report(optionPath, 'shape', 'an option must be an object');
      return;
    }
    if (typeof option.name === 'string') {
      if (seen.has(option.name)) {
        ctx.report(
          joinPath(optionPath, 'name'),
          'options.duplicate-name',
          `"${option.name}" is used twice at this level`,
        );
      }
      seen.add(option.name);
    }
    const isContainer = CONTAINERS.has(option.type);
    if (isContainer) containers++;
    if (level === 'group' && option.type !== T.Subcommand) {
      ctx.report(optionPath, 'options.nesting', 'a subcommand group may only contain subcommands');
    } else if (level === 'subcommand' && isContainer) {
      ctx.report(
        optionPath,
        'options.nesting',
        'a subcommand cannot contain subcommands or groups',
      );
    }
    if (!isContainer) {
      if (option.required === true && sawOptional) {
        ctx.report(
          joinPath(optionPath, 'required'),
          'options.required-order',
          `required option "${String(option.name)}" must come before every optional option`,
        );
      }
      if (option.required !== true) sawOptional = true;
    }
    checkOption(ctx, optionPath, option);
  });
  if (level === 'command' && containers > 0 && containers < options.length) {
    ctx.report(
      path,
      'options.mixed',
      'subcommands/groups cannot be mixed with plain options at the same level',
    );
  }
}

function checkOption(ctx: ValidationContext, path: string, option: Record<string, unknown>): void {
  if (!OPTION_TYPES.has(option.type)) {
    ctx.report(
      joinPath(path, 'type'),
      'option.type',
      `${JSON.stringify(option.type)} is not an option type`,
    );
    return;
  }
  checkChatInputName(ctx, joinPath(path, 'name'), option.name);
  checkLocalizations(ctx, joinPath(path, 'name_localizations'), option.name_localizations, (p, v) =>
    checkChatInputName(ctx, p, v),
  );
  const max = DiscordLimits.descriptionLength;
  checkText(ctx, joinPath(path, 'description'), option.description, 'description.length', 1, max);
  checkLocalizations(
    ctx,
    joinPath(path, 'description_localizations'),
    option.description_localizations,
    (p, v) => checkText(ctx, p, v, 'localization.value', 1, max),
  );
  const type = option.type;
  const notFor = (field: string, allowed: string) => {
    if (option[field] !== undefined && option[field] !== null) {
      ctx.report(
        joinPath(path, field),
        'option.field',
        `"${field}" is only allowed on ${allowed} options`,
      );
    }
  };
  if (type === T.SubcommandGroup || type === T.Subcommand) {
    if (option.required === true) {
      ctx.report(
        joinPath(path, 'required'),
        'option.field',
        'subcommands and groups cannot be required',
      );
    }
    for (const field of ['choices', 'min_value', 'max_value', 'min_length', 'max_length']) {
      notFor(field, 'value');
    }
    notFor('channel_types', 'channel');
    if (option.autocomplete === true) notFor('autocomplete', 'string, integer and number');
    checkOptionList(
      ctx,
      joinPath(path, 'options'),
      option.options,
      type === T.SubcommandGroup ? 'group' : 'subcommand',
    );
    return;
  }
  notFor('options', 'subcommand and group');
  if (!WITH_CHOICES.has(type)) {
    notFor('choices', 'string, integer and number');
    if (option.autocomplete === true) notFor('autocomplete', 'string, integer and number');
  }
  if (!NUMERIC.has(type)) {
    notFor('min_value', 'integer and number');
    notFor('max_value', 'integer and number');
  }
  if (type !== T.String) {
    notFor('min_length', 'string');
    notFor('max_length', 'string');
  }
  if (type !== T.Channel) notFor('channel_types', 'channel');
  if (WITH_CHOICES.has(type)) checkChoices(ctx, path, option, type as number);
  if (NUMERIC.has(type)) checkValueRange(ctx, path, option, type === T.Integer);
  if (type === T.String) checkLengthRange(ctx, path, option);
}

function checkChoices(
  ctx: ValidationContext,
  path: string,
  option: Record<string, unknown>,
  type: number,
): void {
  const choices = option.choices;
  if (choices === undefined || choices === null) return;
  const choicesPath = joinPath(path, 'choices');
  if (!Array.isArray(choices)) {
    ctx.report(choicesPath, 'shape', 'choices must be an array');
    return;
  }
  if (choices.length > DiscordLimits.choices) {
    ctx.report(
      choicesPath,
      'choices.count',
      `has ${choices.length} choices; the limit is ${DiscordLimits.choices}`,
    );
  }
  if (option.autocomplete === true && choices.length > 0) {
    ctx.report(
      joinPath(path, 'autocomplete'),
      'choices.autocomplete',
      'autocomplete cannot be enabled on an option that has choices',
    );
  }
  choices.forEach((choice: unknown, index) => {
    const choicePath = `${choicesPath}[${index}]`;
    if (!isRecord(choice)) {
      ctx.report(choicePath, 'shape', 'a choice must be an object');
      return;
    }
    const nameMax = DiscordLimits.choiceNameLength;
    checkText(ctx, joinPath(choicePath, 'name'), choice.name, 'choice.name.length', 1, nameMax);
    checkLocalizations(
      ctx,
      joinPath(choicePath, 'name_localizations'),
      choice.name_localizations,
      (p, v) => checkText(ctx, p, v, 'localization.value', 1, nameMax),
    );
    const valuePath = joinPath(choicePath, 'value');
    const value = choice.value;
    if (type === T.String) {
      if (typeof value !== 'string') {
        ctx.report(
          valuePath,
          'choice.value.type',
          `must be a string for a string option (got ${JSON.stringify(value)})`,
        );
      } else {
        checkText(ctx, valuePath, value, 'choice.value.length', 1, DiscordLimits.choiceValueLength);
      }
    } else if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (type === T.Integer && !Number.isInteger(value))
    ) {
      const kind = type === T.Integer ? 'an integer' : 'a number';
      ctx.report(valuePath, 'choice.value.type', `must be ${kind} (got ${JSON.stringify(value)})`);
    }
  });
}

function checkValueRange(
  ctx: ValidationContext,
  path: string,
  option: Record<string, unknown>,
  integer: boolean,
): void {
  const bound = integer ? DiscordLimits.maxSafeInteger : DiscordLimits.maxNumber;
  for (const field of ['min_value', 'max_value'] as const) {
    const value = option[field];
    if (value === undefined || value === null) continue;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      Math.abs(value) > bound ||
      (integer && !Number.isInteger(value))
    ) {
      ctx.report(
        joinPath(path, field),
        'value.range',
        `must be ${integer ? 'an integer' : 'a number'} between -${bound} and ${bound} (got ${JSON.stringify(value)})`,
      );
    }
  }
  const { min_value: min, max_value: max } = option;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.report(
      joinPath(path, 'min_value'),
      'value.range',
      `min_value ${min} is greater than max_value ${max}`,
    );
  }
}

function checkLengthRange(
  ctx: ValidationContext,
  path: string,
  option: Record<string, unknown>,
): void {
  const limit = DiscordLimits.stringLength;
  const ranges = { min_length: 0, max_length: 1 } as const;
  for (const [field, lowest] of Object.entries(ranges)) {
    const value = option[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lowest || value > limit) {
      ctx.report(
        joinPath(path, field),
        'length.range',
        `must be an integer from ${lowest} to ${limit} (got ${JSON.stringify(value)})`,
      );
    }
  }
  const { min_length: min, max_length: max } = option;
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.report(
      joinPath(path, 'min_length'),
      'length.range',
      `min_length ${min} is greater than max_length ${max}`,
    );
  }
}
