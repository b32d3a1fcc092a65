import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as T,
} from 'discord-api-types/v10';
import { EmulatorError } from '../errors.js';
import type { ChannelRecord, GuildRecord } from '../state/records.js';
import { memberWithoutUser } from '../state/serialize.js';
import type { World } from '../world/world.js';

/** An attachment option value. */
export interface AttachmentValue {
  readonly filename: string;
  readonly size?: number;
  readonly contentType?: string;
}

/** A slash command option value: a primitive, or a user/role/channel handle (or its id). */
export type OptionValue = string | number | boolean | { readonly id: string } | AttachmentValue;

/** Option values by option name. */
export type OptionValues = Readonly<Record<string, OptionValue>>;

interface Resolved {
  users: Record<string, unknown>;
  members: Record<string, unknown>;
  roles: Record<string, unknown>;
  channels: Record<string, unknown>;
  attachments: Record<string, unknown>;
}

function invalid(command: string, message: string): EmulatorError {
  return new EmulatorError(
    'ZRX_EMULATOR_INVALID_OPTION',
    `/${command}: ${message}`,
    'Pass the options the registered command declares (check discord.commands() or guild.commands()).',
  );
}

function idValue(value: OptionValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'id' in value) return value.id;
  return null;
}

/** Builds one option's `value` and fills `resolved` as Discord does. */
function optionValue(
  world: World,
  guild: GuildRecord | null,
  where: { channel: ChannelRecord | null; userId: string },
  option: APIApplicationCommandOption,
  value: OptionValue,
  resolved: Resolved,
  command: string,
): string | number | boolean {
  const wrong = () =>
    invalid(
      command,
      `option "${option.name}" got ${JSON.stringify(value)}, which is not a valid value of type ${T[option.type]}`,
    );
  switch (option.type) {
    case T.String:
    case T.Integer:
    case T.Number:
    case T.Boolean: {
      const expected =
        option.type === T.String ? 'string' : option.type === T.Boolean ? 'boolean' : 'number';
      if (typeof value !== expected) throw wrong();
      if (option.type === T.Integer && !Number.isInteger(value)) throw wrong();
      const choices = 'choices' in option ? option.choices : undefined;
      if (choices && !choices.some((choice) => choice.value === value)) {
        throw invalid(
          command,
          `option "${option.name}" must be one of ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`,
        );
      }
      return value as string | number | boolean;
    }
    case T.User:
    case T.Role:
    case T.Mentionable:
    case T.Channel: {
      const id = idValue(value);
      if (id === null) throw wrong();
      const user = world.records.users.get(id);
      const role = guild?.roles.get(id);
      const channel = world.records.channels.get(id);
      if ((option.type === T.User || option.type === T.Mentionable) && user) {
        resolved.users[id] = user;
        const member = guild?.members.get(id);
        if (member) {
          const permissions = where.channel ? world.permissionsIn(where.channel, id) : 0n;
          resolved.members[id] = {
            ...memberWithoutUser(member),
            permissions: permissions.toString(),
          };
        }
      } else if ((option.type === T.Role || option.type === T.Mentionable) && role) {
        resolved.roles[id] = role;
      } else if (option.type === T.Channel && channel) {
        resolved.channels[id] = {
          id,
          name: channel.name ?? null,
          type: channel.type,
          parent_id: channel.parent_id ?? null,
          permissions: world.permissionsIn(channel, where.userId).toString(),
        };
      } else {
        throw wrong();
      }
      return id;
    }
    case T.Attachment: {
      if (typeof value !== 'object' || !('filename' in value)) throw wrong();
      const id = world.ids.next();
      resolved.attachments[id] = {
        id,
        filename: value.filename,
        size: value.size ?? 0,
        content_type: value.contentType ?? 'application/octet-stream',
        url: `https://cdn.discordapp.com/ephemeral-attachments/${id}/${value.filename}`,
        proxy_url: `https://media.discordapp.net/ephemeral-attachments/${id}/${value.filename}`,
        ephemeral: true,
      };
      return id;
    }
    default:
      throw wrong();
  }
}

/**
 * Builds the `data` of a chat-input interaction for a registered command: the subcommand path
 * (`'mod ban'`), typed option values, and `resolved` users/members/roles/channels. With
 * `focused`, builds an autocomplete interaction (values are partial input, nothing required).
 */
export function buildCommandData(
  world: World,
  command: APIApplicationCommand,
  path: readonly string[],
  values: OptionValues,
  guild: GuildRecord | null,
  channel: ChannelRecord | null,
  userId: string,
  focused?: string,
): Record<string, unknown> {
  const resolved: Resolved = { users: {}, members: {}, roles: {}, channels: {}, attachments: {} };
  const name = [command.name, ...path].join(' ');
  let schema: readonly APIApplicationCommandOption[] = command.options ?? [];
  const wrappers: { name: string; type: number }[] = [];
  for (const part of path) {
    const sub = schema.find(
      (option) =>
        option.name === part && (option.type === T.Subcommand || option.type === T.SubcommandGroup),
    );
    if (!sub || !('options' in sub || sub.type === T.Subcommand)) {
      throw invalid(name, `"${part}" is not a subcommand or group of /${command.name}`);
    }
    wrappers.push({ name: sub.name, type: sub.type });
    schema = ('options' in sub ? sub.options : undefined) ?? [];
  }
  if (schema.some((option) => option.type === T.Subcommand || option.type === T.SubcommandGroup)) {
    throw invalid(name, `pick a subcommand: ${schema.map((option) => option.name).join(', ')}`);
  }
  const leaf: Record<string, unknown>[] = [];
  for (const [key, value] of Object.entries(values)) {
    const option = schema.find((candidate) => candidate.name === key);
    if (!option) {
      throw invalid(
        name,
        `unknown option "${key}"; it has: ${schema.map((o) => o.name).join(', ') || 'no options'}`,
      );
    }
    if (key === focused) {
      leaf.push({ name: key, type: option.type, value: String(value), focused: true });
      continue;
    }
    leaf.push({
      name: key,
      type: option.type,
      value: optionValue(world, guild, { channel, userId }, option, value, resolved, name),
    });
  }
  if (focused === undefined) {
    for (const option of schema) {
      if ('required' in option && option.required && !(option.name in values)) {
        throw invalid(name, `required option "${option.name}" is missing`);
      }
    }
  }
  let options: Record<string, unknown>[] = leaf;
  for (const wrapper of [...wrappers].reverse()) options = [{ ...wrapper, options }];
  const hasResolved = Object.values(resolved).some((group) => Object.keys(group).length > 0);
  return {
    id: command.id,
    name: command.name,
    type: command.type ?? 1,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    options,
    ...(hasResolved ? { resolved } : {}),
  };
}
