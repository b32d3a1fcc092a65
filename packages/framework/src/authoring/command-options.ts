import type {
  Attachment,
  Channel,
  ChatInputCommandInteraction,
  GuildMember,
  SlashCommandBuilder,
  SlashCommandOptionsOnlyBuilder,
  User,
} from 'discord.js';

/**
 * Option kinds a command may take. All of them parse in prefix and `@mention` invocations too,
 * except `attachment` (slash only: a prefix invocation gets `undefined`).
 */
export type OptionKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'user'
  | 'member'
  | 'role'
  | 'channel'
  | 'attachment';

/** One option of a command. */
export interface OptionSpec {
  kind: OptionKind;
  description: string;
  required?: boolean;
  /** Allowed string values (string options only). */
  choices?: readonly string[];
  /** Bounds: of the value for numbers, of the length for strings. */
  min?: number;
  max?: number;
}

/** The options of a command, by name (required ones are registered first). */
export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

/** A role as both slash and prefix invocations give it. */
export interface RoleArg {
  id: string;
  name: string;
}

interface KindValue {
  string: string;
  integer: number;
  number: number;
  boolean: boolean;
  user: User;
  /** The guild member (registered as a user option; `undefined` outside a guild). */
  member: GuildMember;
  role: RoleArg;
  channel: Pick<Channel, 'id'>;
  attachment: Attachment;
}

type ValueOf<S extends OptionSpec> = S['choices'] extends readonly (infer C extends string)[]
  ? C
  : KindValue[S['kind']];

/** The typed arguments a command's `run` receives for an {@link OptionsSpec}. */
export type ArgsOf<O extends OptionsSpec> = {
  -readonly [K in keyof O]: O[K]['required'] extends true
    ? ValueOf<O[K]>
    : ValueOf<O[K]> | undefined;
};

type Builder = SlashCommandBuilder | SlashCommandOptionsOnlyBuilder;

/** Adds the options to a slash command builder (required first, as Discord demands). */
export function addOptions(builder: Builder, options: OptionsSpec): Builder {
  const entries = Object.entries(options).sort(
    ([, a], [, b]) => Number(b.required ?? false) - Number(a.required ?? false),
  );
  let out = builder;
  for (const [name, spec] of entries) {
    const required = spec.required ?? false;
    switch (spec.kind) {
      case 'string':
        out = out.addStringOption((o) => {
          o.setName(name).setDescription(spec.description).setRequired(required);
          if (spec.choices) o.addChoices(...spec.choices.map((c) => ({ name: c, value: c })));
          if (spec.min !== undefined) o.setMinLength(spec.min);
          if (spec.max !== undefined) o.setMaxLength(spec.max);
          return o;
        });
        break;
      case 'integer':
        out = out.addIntegerOption((o) => {
          o.setName(name).setDescription(spec.description).setRequired(required);
          if (spec.min !== undefined) o.setMinValue(spec.min);
          if (spec.max !== undefined) o.setMaxValue(spec.max);
          return o;
        });
        break;
      case 'number':
        out = out.addNumberOption((o) => {
          o.setName(name).setDescription(spec.description).setRequired(required);
          if (spec.min !== undefined) o.setMinValue(spec.min);
          if (spec.max !== undefined) o.setMaxValue(spec.max);
          return o;
        });
        break;
      case 'boolean':
        out = out.addBooleanOption((o) =>
          o.setName(name).setDescription(spec.description).setRequired(required),
        );
        break;
      case 'user':
      case 'member':
        out = out.addUserOption((o) =>
          o.setName(name).setDescription(spec.description).setRequired(required),
        );
        break;
      case 'attachment':
        out = out.addAttachmentOption((o) =>
          o.setName(name).setDescription(spec.description).setRequired(required),
        );
        break;
      case 'role':
        out = out.addRoleOption((o) =>
          o.setName(name).setDescription(spec.description).setRequired(required),
        );
        break;
      case 'channel':
        out = out.addChannelOption((o) =>
          o.setName(name).setDescription(spec.description).setRequired(required),
        );
        break;
    }
  }
  return out;
}

/** Reads the typed arguments from an invocation (slash, or the framework's prefix stand-in). */
export function readArgs<O extends OptionsSpec>(
  interaction: ChatInputCommandInteraction,
  options: O,
): ArgsOf<O> {
  const args: Record<string, unknown> = {};
  const get = interaction.options;
  for (const [name, spec] of Object.entries(options)) {
    let value: unknown;
    switch (spec.kind) {
      case 'string':
        value = get.getString(name);
        break;
      case 'integer':
        value = get.getInteger(name);
        break;
      case 'number':
        value = get.getNumber(name);
        break;
      case 'boolean':
        value = get.getBoolean(name);
        break;
      case 'user':
        value = get.getUser(name);
        break;
      case 'member':
        value = get.getMember(name);
        break;
      case 'attachment':
        value = get.getAttachment(name);
        break;
      case 'role':
        value = get.getRole(name);
        break;
      case 'channel':
        value = get.getChannel(name);
        break;
    }
    args[name] = value ?? undefined;
  }
  return args as ArgsOf<O>;
}
