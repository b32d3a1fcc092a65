import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import { invalidFormBody } from '../rest/discord-error.js';
import { ErrorCollector } from '../rest/validation-errors.js';

/** An application command as a bot sends it (loosely typed: it is untrusted input). */
export interface CommandInput {
  name?: unknown;
  description?: unknown;
  type?: unknown;
  options?: unknown;
  name_localizations?: Record<string, string> | null;
  description_localizations?: Record<string, string> | null;
  [key: string]: unknown;
}

interface OptionInput extends CommandInput {
  required?: boolean;
  choices?: {
    name?: unknown;
    value?: unknown;
    name_localizations?: Record<string, string> | null;
  }[];
  autocomplete?: boolean;
  min_length?: number;
  max_length?: number;
}

type Path = (string | number)[];

/** Discord's pattern for chat-input command and option names. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_COMMAND_SIZE = 4000;

function checkName(errors: ErrorCollector, path: Path, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string' || name.length === 0) {
    errors.add([...path, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else if (!chatInput) {
    if (name.length > 32) {
      errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
    }
  } else if (!NAME.test(name) || name !== name.toLowerCase()) {
    errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkDescription(errors: ErrorCollector, path: Path, description: unknown): void {
  if (typeof description !== 'string') {
    errors.add([...path, 'description'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else if (description.length < 1 || description.length > 100) {
    errors.add(
      [...path, 'description'],
      'BASE_TYPE_BAD_LENGTH',
      'Must be between 1 and 100 in length.',
    );
  }
}

/** The characters Discord counts toward a command's 4,000 (longest localization per field). */
function size(item: CommandInput | OptionInput): number {
  const longest = (base: unknown, localized: Record<string, string> | null | undefined) =>
    Math.max(
      String(base ?? '').length,
      ...Object.values(localized ?? {}).map((text) => text.length),
    );
  let total =
    longest(item.name, item.name_localizations) +
    longest(item.description, item.description_localizations);
  for (const choice of (item as OptionInput).choices ?? []) {
    total += longest(choice.name, choice.name_localizations) + String(choice.value ?? '').length;
  }
  for (const option of Array.isArray(item.options) ? (item.options as OptionInput[]) : [])
    total += size(option);
  return total;
}

/** Where options sit: subcommands live at the top or in a group; groups only at the top. */
type Parent = 'command' | 'group' | 'subcommand';

function checkOptions(errors: ErrorCollector, path: Path, options: unknown, parent: Parent): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add([...path, 'options'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) {
    errors.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  }
  const seen = new Set<string>();
  let optionalSeen = false;
  const subs = options.filter(
    (o: OptionInput) => o.type === T.Subcommand || o.type === T.SubcommandGroup,
  ).length;
  if (subs > 0 && subs < options.length) {
    errors.add(
      [...path, 'options'],
      'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      'Sub-command and sub-command group option types are mutually exclusive to all other types',
    );
  }
  (options as OptionInput[]).forEach((option, index) => {
    const at = [...path, 'options', index];
    const type = option.type as number;
    checkName(errors, at, option.name, true);
    checkDescription(errors, at, option.description);
    if (typeof type !== 'number' || type < 1 || type > 11) {
      errors.add(
        [...at, 'type'],
        'BASE_TYPE_CHOICES',
        `Value must be one of {${Object.values(T)
          .filter((v) => typeof v === 'number')
          .join(', ')}}.`,
      );
    }
    if (typeof option.name === 'string') {
      if (seen.has(option.name)) {
        errors.add(
          [...at, 'name'],
          'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
          'Option names must be unique',
        );
      }
      seen.add(option.name);
    }
    if (option.required) {
      if (optionalSeen) {
        errors.add(
          [...at, 'required'],
          'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          'Required options must be placed before non-required options',
        );
      }
    } else if (type !== T.Subcommand && type !== T.SubcommandGroup) {
      optionalSeen = true;
    }
    const nestedAllowed =
      (type === T.SubcommandGroup && parent === 'command') ||
      (type === T.Subcommand && parent !== 'subcommand');
    if ((type === T.Subcommand || type === T.SubcommandGroup) && !nestedAllowed) {
      errors.add(
        [...at, 'type'],
        'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
        'Sub-commands cannot be nested this way',
      );
    }
    if (type === T.SubcommandGroup && Array.isArray(option.options)) {
      (option.options as OptionInput[]).forEach((child, childIndex) => {
        if (child.type !== T.Subcommand) {
          errors.add(
            [...at, 'options', childIndex, 'type'],
            'APPLICATION_COMMAND_OPTION_TYPE_INVALID',
            'Sub-command groups may only contain sub-commands',
          );
        }
      });
    }
    if (type === T.Subcommand || type === T.SubcommandGroup) {
      checkOptions(errors, at, option.options, type === T.Subcommand ? 'subcommand' : 'group');
    }
    const choices = option.choices;
    if (choices !== undefined) {
      if (choices.length > 25) {
        errors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      }
      if (option.autocomplete) {
        errors.add(
          [...at, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
          'Autocomplete cannot be enabled on options that have choices',
        );
      }
      choices.forEach((choice, choiceIndex) => {
        const name = choice.name;
        if (typeof name !== 'string' || name.length < 1 || name.length > 100) {
          errors.add(
            [...at, 'choices', choiceIndex, 'name'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 100 in length.',
          );
        }
        if (type === T.String && (typeof choice.value !== 'string' || choice.value.length > 100)) {
          errors.add(
            [...at, 'choices', choiceIndex, 'value'],
            'BASE_TYPE_BAD_LENGTH',
            'Must be between 1 and 100 in length.',
          );
        }
      });
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const value = option[key];
      if (value !== undefined && (value < 0 || value > 6000)) {
        errors.add(
          [...at, key],
          'NUMBER_TYPE_MAX',
          'int value should be less than or equal to 6000.',
        );
      }
    }
  });
}

/**
 * Validates one application command as Discord does, collecting errors under `path` (an index
 * in bulk overwrites): names, descriptions, options (≤ 25, unique, required first, nesting),
 * choices (≤ 25), and the 4,000-character total.
 */
export function collectCommandErrors(
  errors: ErrorCollector,
  path: Path,
  command: CommandInput,
): void {
  const type = command.type ?? 1;
  if (type !== 1 && type !== 2 && type !== 3 && type !== 4) {
    errors.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4}.');
    return;
  }
  const chatInput = type === 1;
  checkName(errors, path, command.name, chatInput);
  if (chatInput) {
    checkDescription(errors, path, command.description);
    checkOptions(errors, path, command.options, 'command');
    if (size(command) > MAX_COMMAND_SIZE) {
      errors.add(
        path,
        'APPLICATION_COMMAND_TOO_LARGE',
        `Command exceeds maximum size (${MAX_COMMAND_SIZE})`,
      );
    }
  } else {
    if (command.description !== undefined && command.description !== '') {
      errors.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION_INVALID',
        'Context menu commands cannot have a description',
      );
    }
    if (command.options !== undefined && command.options !== null) {
      errors.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS_INVALID',
        'Context menu commands cannot have options',
      );
    }
  }
}

/** Validates one command (POST/PATCH); throws 50035 Invalid Form Body with nested errors. */
export function validateCommand(command: CommandInput): void {
  const errors = new ErrorCollector();
  collectCommandErrors(errors, [], command);
  if (errors.hasErrors) throw invalidFormBody(errors.errors);
}

/** Validates a bulk overwrite: each command at its index, and unique names per type. */
export function validateCommandList(commands: CommandInput[]): void {
  const errors = new ErrorCollector();
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    collectCommandErrors(errors, [index], command);
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (seen.has(key)) {
      errors.add(
        [index, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    }
    seen.add(key);
  });
  if (errors.hasErrors) throw invalidFormBody(errors.errors);
}

/** Discord's per-scope limits by command type: 100 chat input, 15 user, 15 message, 1 entry point. */
export const COMMAND_LIMITS: Record<number, number> = { 1: 100, 2: 15, 3: 15, 4: 1 };
