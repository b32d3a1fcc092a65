import type { ParsedInvocation } from '@zoryx/slash-limit';
import type {
  Client,
  Message,
  MessageCreateOptions,
  MessageEditOptions,
  MessageReplyOptions,
} from 'discord.js';
import { FrameworkTypeError } from '../errors.js';

type ReplyInput = string | (Record<string, unknown> & { content?: string | null });

/** Options that only mean something for interactions and would break a message send. */
const INTERACTION_ONLY = ['ephemeral', 'flags', 'fetchReply', 'withResponse'] as const;

function toMessageOptions(input: ReplyInput): MessageCreateOptions {
  if (typeof input === 'string') return { content: input };
  const copy: Record<string, unknown> = { ...input };
  for (const key of INTERACTION_ONLY) delete copy[key];
  return copy as MessageCreateOptions;
}

/**
 * The options resolver of a {@link MessageInteraction}: discord.js's getters over the values
 * `parsePrefixInvocation` produced (already converted and validated).
 */
export class MessageInteractionOptions {
  public constructor(private readonly parsed: ParsedInvocation) {}

  public get(name: string, required = false): { name: string; value: unknown } | null {
    const value = this.parsed.options[name];
    if (value === undefined) {
      if (required) {
        throw new FrameworkTypeError(
          'ZRX_COMMAND_OPTION_MISSING',
          `Required option "${name}" not found.`,
        );
      }
      return null;
    }
    return { name, value };
  }

  private value<T>(name: string, required: boolean, check: (v: unknown) => v is T): T | null {
    const value = this.get(name, required)?.value;
    return value !== undefined && check(value) ? value : null;
  }

  public getString(name: string, required = false): string | null {
    return this.value(name, required, (v): v is string => typeof v === 'string');
  }
  public getInteger(name: string, required = false): number | null {
    return this.value(name, required, (v): v is number => Number.isInteger(v));
  }
  public getNumber(name: string, required = false): number | null {
    return this.value(name, required, (v): v is number => typeof v === 'number');
  }
  public getBoolean(name: string, required = false): boolean | null {
    return this.value(name, required, (v): v is boolean => typeof v === 'boolean');
  }
  public getUser(name: string, required = false): unknown {
    return this.get(name, required)?.value ?? null;
  }
  public getMember(name: string): unknown {
    return this.parsed.members[name] ?? null;
  }
  public getRole(name: string, required = false): unknown {
    return this.get(name, required)?.value ?? null;
  }
  public getChannel(name: string, required = false): unknown {
    return this.get(name, required)?.value ?? null;
  }
  public getMentionable(name: string, required = false): unknown {
    return this.parsed.members[name] ?? this.get(name, required)?.value ?? null;
  }
  public getAttachment(): null {
    return null;
  }
  public getFocused(): string {
    return '';
  }
  public getSubcommand(required = true): string | null {
    if (this.parsed.subcommand === undefined && required) {
      throw new FrameworkTypeError('ZRX_COMMAND_OPTION_MISSING', 'A subcommand was not selected.');
    }
    return this.parsed.subcommand ?? null;
  }
  public getSubcommandGroup(required = false): string | null {
    if (this.parsed.group === undefined && required) {
      throw new FrameworkTypeError(
        'ZRX_COMMAND_OPTION_MISSING',
        'A subcommand group was not selected.',
      );
    }
    return this.parsed.group ?? null;
  }
}

/**
 * Lets a slash-only command (`chatInputRun`) answer a prefix invocation: the parts of a
 * `ChatInputCommandInteraction` such handlers use, backed by the message. Replies become message
 * replies (ephemeral cannot exist there), `deferReply` shows typing, `editReply` edits the reply.
 * The Python original did this with a fake interaction that lost choices and validation; here the
 * arguments were parsed and validated against the command's real options first.
 */
export class MessageInteraction {
  public readonly options: MessageInteractionOptions;
  public replied = false;
  public deferred = false;
  public readonly ephemeral = false;
  private lastReply: Message | undefined;

  public constructor(
    public readonly message: Message,
    public readonly commandName: string,
    parsed: ParsedInvocation,
  ) {
    this.options = new MessageInteractionOptions(parsed);
  }

  public get id(): string {
    return this.message.id;
  }
  public get client(): Client {
    return this.message.client;
  }
  public get user() {
    return this.message.author;
  }
  public get member() {
    return this.message.member;
  }
  public get guild() {
    return this.message.guild;
  }
  public get guildId() {
    return this.message.guildId;
  }
  public get channel() {
    return this.message.channel;
  }
  public get channelId() {
    return this.message.channelId;
  }
  public get createdTimestamp() {
    return this.message.createdTimestamp;
  }
  public get memberPermissions() {
    return this.message.member?.permissions ?? null;
  }
  public inGuild(): boolean {
    return this.message.inGuild();
  }
  public inCachedGuild(): boolean {
    return this.message.inGuild();
  }
  public isChatInputCommand(): true {
    return true;
  }
  public isCommand(): true {
    return true;
  }
  public isRepliable(): true {
    return true;
  }

  public async reply(input: ReplyInput): Promise<Message> {
    const options = toMessageOptions(input) as MessageReplyOptions;
    // Like a slash reply, it does not ping the invoker; otherwise the client's default applies
    // (the framework's pings nobody). A reply's own `allowedMentions` replaces both.
    this.lastReply = await this.message.reply({
      allowedMentions: { ...this.message.client.options.allowedMentions, repliedUser: false },
      ...options,
    });
    this.replied = true;
    return this.lastReply;
  }

  public async deferReply(): Promise<void> {
    this.deferred = true;
    if ('sendTyping' in this.message.channel) await this.message.channel.sendTyping();
  }

  public async editReply(input: ReplyInput): Promise<Message> {
    if (!this.lastReply) return this.reply(input);
    this.lastReply = await this.lastReply.edit(toMessageOptions(input) as MessageEditOptions);
    return this.lastReply;
  }

  public async followUp(input: ReplyInput): Promise<Message> {
    if (!('send' in this.message.channel)) return this.reply(input);
    return this.message.channel.send(toMessageOptions(input));
  }

  public async fetchReply(): Promise<Message | undefined> {
    return this.lastReply;
  }

  public async deleteReply(): Promise<void> {
    await this.lastReply?.delete();
    this.lastReply = undefined;
  }

  public async showModal(): Promise<never> {
    throw new FrameworkTypeError(
      'ZRX_COMMAND_SLASH_ONLY',
      `${this.commandName} opens a form, which only works as a slash command.`,
      `Run it as /${this.commandName}.`,
    );
  }
}
