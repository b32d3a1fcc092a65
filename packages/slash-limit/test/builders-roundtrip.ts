import {
  ContextMenuCommandBuilder,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  SlashCommandSubcommandGroupBuilder,
} from '@discordjs/builders';
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';

/** The builders' fluent API, loosely typed: this helper drives it from JSON. */
type Chain = { [method: string]: (...args: unknown[]) => Chain };

/** The JSON fields this helper reads, loosely typed. */
interface Json {
  type?: number;
  name: string;
  description?: string;
  options?: Json[];
  [field: string]: unknown;
}

const OPTION_METHODS: Readonly<Record<number, string>> = {
  [T.String]: 'addStringOption',
  [T.Integer]: 'addIntegerOption',
  [T.Boolean]: 'addBooleanOption',
  [T.User]: 'addUserOption',
  [T.Channel]: 'addChannelOption',
  [T.Role]: 'addRoleOption',
  [T.Mentionable]: 'addMentionableOption',
  [T.Number]: 'addNumberOption',
  [T.Attachment]: 'addAttachmentOption',
};

/**
 * Rebuilds a payload through discord.js's own builders; their `toJSON()` runs the shapeshift
 * validators, so this throws when discord.js considers the payload invalid. Test helper only.
 */
export function rebuildWithBuilders(payload: unknown): unknown {
  const json = payload as Json;
  if (json.type === 2 || json.type === 3) {
    const menu = new ContextMenuCommandBuilder() as unknown as Chain;
    return menu.setName!(json.name).setType!(json.type).toJSON!();
  }
  const builder = new SlashCommandBuilder() as unknown as Chain;
  named(builder, json);
  if (json.default_member_permissions !== undefined) {
    builder.setDefaultMemberPermissions!(json.default_member_permissions);
  }
  if (json.nsfw !== undefined) builder.setNSFW!(json.nsfw);
  if (Array.isArray(json.contexts)) builder.setContexts!(...json.contexts);
  if (Array.isArray(json.integration_types))
    builder.setIntegrationTypes!(...json.integration_types);
  for (const option of json.options ?? []) addOption(builder, option);
  return builder.toJSON!();
}

function named(target: Chain, json: Json): Chain {
  target.setName!(json.name);
  target.setDescription!(json.description);
  if (json.name_localizations) target.setNameLocalizations!(json.name_localizations);
  if (json.description_localizations) {
    target.setDescriptionLocalizations!(json.description_localizations);
  }
  return target;
}

function addOption(container: Chain, option: Json): void {
  if (option.type === T.SubcommandGroup) {
    const group = new SlashCommandSubcommandGroupBuilder() as unknown as Chain;
    named(group, option);
    for (const sub of option.options ?? []) addOption(group, sub);
    container.addSubcommandGroup!(group);
    return;
  }
  if (option.type === T.Subcommand) {
    const sub = new SlashCommandSubcommandBuilder() as unknown as Chain;
    named(sub, option);
    for (const o of option.options ?? []) addOption(sub, o);
    container.addSubcommand!(sub);
    return;
  }
  container[OPTION_METHODS[option.type ?? 0]!]!((b: Chain) => {
    named(b, option);
    b.setRequired!(option.required === true);
    if (Array.isArray(option.choices)) b.addChoices!(...option.choices);
    if (option.autocomplete === true) b.setAutocomplete!(true);
    if (option.min_length !== undefined) b.setMinLength!(option.min_length);
    if (option.max_length !== undefined) b.setMaxLength!(option.max_length);
    if (option.min_value !== undefined) b.setMinValue!(option.min_value);
    if (option.max_value !== undefined) b.setMaxValue!(option.max_value);
    if (Array.isArray(option.channel_types)) b.addChannelTypes!(...option.channel_types);
    return b;
  });
}
