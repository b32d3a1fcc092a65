/**
 * Generates docs/commands.md — the table of every built-in command — from the extensions'
 * code, so the table cannot drift from what the bot registers.
 *
 *   pnpm --filter @zoryx/builtins docs:commands              # write docs/commands.md
 *   pnpm --filter @zoryx/builtins docs:commands -- --check   # exit 1 when it is stale
 *
 * (`docs:commands` is `tsx scripts/commands-doc.ts`.)
 *
 * `test/commands-doc.test.ts` runs the same check in the package's test suite.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtensionDefinition } from '@zoryx/framework';
import { pieceMeta } from '@zoryx/framework/internals';
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  SlashCommandBuilder,
} from 'discord.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Where the generated file lives (the repository's docs folder). */
export const COMMANDS_DOC = resolve(HERE, '..', '..', '..', 'docs', 'commands.md');
/** The built-in extensions, in the order the table lists them. */
export const GROUPS = ['core', 'registry', 'hooks', 'diagnostics', 'limits'] as const;

/** One row of the table. */
export interface CommandRow {
  readonly name: string;
  readonly extension: string;
  readonly description: string;
  readonly options: string;
  readonly access: string;
  readonly invocation: string;
}

type PieceClass = abstract new (...args: never[]) => unknown;
type Entry = PieceClass | { readonly name?: string; readonly piece: PieceClass };

interface Registration {
  name: string;
  description: string;
  options: APIApplicationCommandOption[];
}

const ACCESS: Record<string, string> = {
  everyone: 'everyone',
  admin: 'Administrator',
  'guild-owner': 'server owner / bot owner',
  owner: 'bot owner',
};

/** Runs a piece class's `registerApplicationCommands` against a recording registry. */
function registrationsOf(piece: PieceClass): Registration[] {
  const found: Registration[] = [];
  const record = (input: unknown) => {
    const built =
      typeof input === 'function'
        ? ((input as (b: SlashCommandBuilder) => unknown)(new SlashCommandBuilder()) ?? input)
        : input;
    const json = (
      typeof (built as { toJSON?: unknown }).toJSON === 'function'
        ? (built as { toJSON(): unknown }).toJSON()
        : built
    ) as Partial<Registration>;
    found.push({
      name: json.name ?? '',
      description: json.description ?? '',
      options: json.options ?? [],
    });
  };
  const registry = {
    registerChatInputCommand: record,
    registerContextMenuCommand: () => undefined,
  };
  const prototype = piece.prototype as {
    registerApplicationCommands?: (registry: unknown) => void;
  };
  prototype.registerApplicationCommands?.call(Object.create(prototype), registry);
  return found;
}

const TYPE_NAME: Partial<Record<ApplicationCommandOptionType, string>> = {
  [ApplicationCommandOptionType.String]: 'text',
  [ApplicationCommandOptionType.Integer]: 'integer',
  [ApplicationCommandOptionType.Number]: 'number',
  [ApplicationCommandOptionType.Boolean]: 'true/false',
  [ApplicationCommandOptionType.User]: 'user',
  [ApplicationCommandOptionType.Role]: 'role',
  [ApplicationCommandOptionType.Channel]: 'channel',
  [ApplicationCommandOptionType.Mentionable]: 'mentionable',
  [ApplicationCommandOptionType.Attachment]: 'attachment',
};

function optionText(option: APIApplicationCommandOption): string {
  const type = TYPE_NAME[option.type] ?? 'subcommand';
  const choices =
    'choices' in option && option.choices ? option.choices.map((c) => c.value).join('|') : type;
  const shown = `${option.name}: ${choices}`;
  return 'required' in option && option.required ? `\`<${shown}>\`` : `\`[${shown}]\``;
}

/** The rows of one extension definition (commands in the order it lists them). */
export function rowsOf(definition: ExtensionDefinition): CommandRow[] {
  const rows: CommandRow[] = [];
  const entries = ((definition as { commands?: readonly Entry[] }).commands ?? []) as Entry[];
  for (const entry of entries) {
    const piece = typeof entry === 'function' ? entry : entry.piece;
    const meta = pieceMeta(piece);
    const registrations = registrationsOf(piece);
    const access = ACCESS[meta?.access ?? 'everyone'] ?? 'everyone';
    if (registrations.length === 0) {
      const name = typeof entry === 'function' ? entry.name : (entry.name ?? piece.name);
      rows.push({
        name,
        extension: definition.name,
        description: '',
        options: '',
        access,
        invocation: 'prefix + mention',
      });
      continue;
    }
    for (const r of registrations) {
      rows.push({
        name: r.name,
        extension: definition.name,
        description: r.description,
        options: r.options.map(optionText).join(' '),
        access,
        invocation: 'slash + prefix + mention',
      });
    }
  }
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ') || '—';

/** The Markdown of docs/commands.md for these rows. */
export function renderTable(rows: readonly CommandRow[]): string {
  const lines = [
    '# Built-in commands',
    '',
    '<!-- Generated from packages/builtins by `pnpm --filter @zoryx/builtins docs:commands` (scripts/commands-doc.ts). Do not edit by hand: `test/commands-doc.test.ts` fails when this file is stale. -->',
    '',
    `Every command of the built-in extensions of \`@zoryx/builtins\` (${rows.length} in all). "slash + prefix + mention" commands answer \`/name\`, \`!name\` (the guild's prefix) and \`@Bot name\`; when Discord's limit is reached a slash command may be folded under a category root (\`/root name\`) or become prefix-only — \`slashlimit\` shows where each one is. Options in \`<>\` are required, in \`[]\` optional; prefix invocations take them in order or as \`name:value\`. Access is the framework's permission tier: per-guild command roles (\`config\`) can open "everyone" and "Administrator" commands to roles; "bot owner" commands stay with the bot owners.`,
    '',
    '| Command | Extension | Description | Options | Access | Invocation |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.name}\` | ${r.extension} | ${cell(r.description)} | ${cell(r.options)} | ${r.access} | ${r.invocation} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Imports the built-in extensions and renders the document. */
export async function renderCommandsDoc(): Promise<string> {
  const rows: CommandRow[] = [];
  for (const group of GROUPS) {
    const module = (await import(join(HERE, '..', 'src', group, 'index.ts'))) as {
      default: ExtensionDefinition;
    };
    rows.push(...rowsOf(module.default));
  }
  return renderTable(rows);
}

async function main(): Promise<void> {
  const expected = await renderCommandsDoc();
  if (process.argv.includes('--check')) {
    const actual = await readFile(COMMANDS_DOC, 'utf8').catch(() => '');
    if (actual !== expected) {
      console.error(
        `${COMMANDS_DOC} is stale: run \`pnpm --filter @zoryx/builtins docs:commands\`.`,
      );
      process.exitCode = 1;
    }
    return;
  }
  await writeFile(COMMANDS_DOC, expected);
  console.log(`wrote ${COMMANDS_DOC}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
