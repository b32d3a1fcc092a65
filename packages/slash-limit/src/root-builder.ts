import {
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { FoldedRoute } from './plan-types.js';
import type { PackedRoot } from './root-packing.js';

type ChatInputPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;
type RootChild = APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption;

/** The root payloads and the route of every folded command. */
export interface BuiltRoots {
  readonly payloads: ChatInputPayload[];
  readonly routes: Map<string, FoldedRoute>;
}

const ROOT_FIELDS = [
  'default_member_permissions',
  'dm_permission',
  'nsfw',
  'contexts',
  'integration_types',
] as const;

/**
 * Names the packed roots and turns them into payloads. Each base is numbered on its own
 * (`mod`, `mod-2`, …), skipping names already used by commands, so roots of one category never
 * rename roots of another.
 */
export function buildRoots(
  packed: readonly PackedRoot[],
  payloadOf: (name: string) => ChatInputPayload,
  labelOf: (base: string) => string,
  taken: ReadonlySet<string>,
): BuiltRoots {
  const used = new Set(taken);
  const counters = new Map<string, number>();
  const payloads: ChatInputPayload[] = [];
  const routes = new Map<string, FoldedRoute>();
  for (const root of packed) {
    let n = counters.get(root.base) ?? 0;
    let name: string;
    do {
      n++;
      name = n === 1 ? root.base : `${root.base}-${n}`;
    } while (used.has(name));
    counters.set(root.base, n);
    used.add(name);

    const children: RootChild[] = [];
    const plains: ChatInputPayload[] = [];
    for (const member of root.members) {
      const payload = payloadOf(member.name);
      if (member.asGroup) {
        children.push(asGroup(payload));
        routes.set(member.name, { kind: 'folded', root: name, group: member.name });
      } else {
        plains.push(payload);
      }
    }
    if (root.nested) {
      const childNames = new Set(children.map((child) => child.name));
      for (let i = 0; i < plains.length; i += 25) {
        const chunk = plains.slice(i, i + 25);
        const group = bundleName(chunk, childNames);
        childNames.add(group);
        children.push({
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: group,
          description: truncate(`${chunk[0]!.name} to ${chunk[chunk.length - 1]!.name}`, 80),
          options: chunk.map(asSubcommand),
        });
        for (const payload of chunk) {
          routes.set(payload.name, { kind: 'folded', root: name, group, subcommand: payload.name });
        }
      }
    } else {
      for (const payload of plains) {
        children.push(asSubcommand(payload));
        routes.set(payload.name, { kind: 'folded', root: name, subcommand: payload.name });
      }
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const first = payloadOf(root.members[0]!.name);
    const rootPayload: ChatInputPayload = {
      type: ApplicationCommandType.ChatInput,
      name,
      description: describeRoot(
        labelOf(root.base),
        root.members.map((m) => m.name),
      ),
      options: children,
    };
    for (const field of ROOT_FIELDS) {
      if (first[field] !== undefined) Object.assign(rootPayload, { [field]: first[field] });
    }
    payloads.push(rootPayload);
  }
  return { payloads, routes };
}

function asSubcommand(payload: ChatInputPayload): APIApplicationCommandSubcommandOption {
  const option = {
    type: ApplicationCommandOptionType.Subcommand,
    ...localisedText(payload),
  } as APIApplicationCommandSubcommandOption;
  if (payload.options !== undefined && payload.options.length > 0) {
    Object.assign(option, { options: payload.options });
  }
  return option;
}

function asGroup(payload: ChatInputPayload): APIApplicationCommandSubcommandGroupOption {
  return {
    type: ApplicationCommandOptionType.SubcommandGroup,
    ...localisedText(payload),
    options: (payload.options ?? []) as APIApplicationCommandSubcommandOption[],
  } as APIApplicationCommandSubcommandGroupOption;
}

function localisedText(payload: ChatInputPayload) {
  const text: Record<string, unknown> = { name: payload.name, description: payload.description };
  if (payload.name_localizations) text.name_localizations = payload.name_localizations;
  if (payload.description_localizations) {
    text.description_localizations = payload.description_localizations;
  }
  return text;
}

/**
 * `ban-warn`: the first and last command of the bundle (14 characters of each at most), made
 * unique within the root, so users can tell which group holds a command.
 */
function bundleName(chunk: readonly ChatInputPayload[], taken: ReadonlySet<string>): string {
  // No apostrophes: valid for Discord, but rejected by @discordjs/builders.
  const head = (name: string) => [...name.replace(/'/g, '')].slice(0, 14).join('');
  const from = head(chunk[0]!.name);
  const to = head(chunk[chunk.length - 1]!.name);
  const base = from === to ? from || 'group' : `${from}-${to}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

/** `Moderation commands: ban, kick, mute and 4 more`, at most 100 characters. */
function describeRoot(label: string, names: readonly string[]): string {
  const head = `${label} commands: `;
  let listed = '';
  let count = 0;
  for (const name of names) {
    const rest = names.length - count - 1;
    const candidate = `${listed}${count === 0 ? '' : ', '}${name}`;
    const tail = rest > 0 ? ` and ${rest} more` : '';
    if (head.length + candidate.length + tail.length > 100) break;
    listed = candidate;
    count++;
  }
  const remaining = names.length - count;
  if (count === 0) return truncate(`${label} commands (${names.length})`, 100);
  const text = remaining > 0 ? `${head}${listed} and ${remaining} more` : `${head}${listed}`;
  return truncate(text, 100);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
