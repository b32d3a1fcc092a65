import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type {
  BotMessage,
  ChannelHandle,
  SelectValue,
  UserAction,
  UserHandle,
} from '@zoryx/emulator';
import type { DevWorld } from './dev-world.js';
import { CliError } from './errors.js';
import { type ComponentAction, renderMessage } from './render-message.js';
import { parseSlashLine } from './slash-line.js';
import { renderMarkdown } from './terminal-markdown.js';

/** Options of {@link runChat}. */
export interface ChatOptions {
  /** The emulator world to act in (see `createDevWorld`). */
  world: DevWorld;
  /** Lines typed by the user (stdin, a script file, or a stream in tests). */
  input: Readable;
  /** Where the conversation is printed. */
  output: Writable;
  /** Interactive: show a prompt and line editing (true for a TTY). Default false. */
  interactive?: boolean;
  /** How long to wait for the bot's answer to each line. Default 5,000 ms. */
  replyTimeoutMs?: number;
  /** Channel to start in. Default `general`. */
  channel?: string;
  /** Ends the chat (e.g. when the bot process exits). */
  signal?: AbortSignal;
  /** Draw the bot's Markdown with ANSI styles. Default: `interactive`. */
  color?: boolean;
}

/** How long a slash line waits for a bot that has registered no command yet, in ms. */
const COMMANDS_WAIT_MS = 60_000;

/** Printed at the start of a chat. */
export const CHAT_HELP = [
  'Type a message (e.g. !help), a slash command (/ping, /balance user:@alice),',
  '#2 to click button 2, #1 <value> to pick in select menu 1 (as the current /as user),',
  '/channel <name> to switch channel, /as <user> to act as someone else, /quit to leave.',
].join('\n');

interface Clickable {
  readonly message: BotMessage;
  readonly action: ComponentAction;
}

/**
 * The terminal chat of `zoryx dev --offline`: reads lines from `input` and acts as
 * `world.you` (or whom `/as <user>` picked) in the current channel — messages are sent as they are, `/name key:value` runs a
 * slash command, `#n [value]` clicks button n or picks in select menu n of the latest message
 * that had components — and prints the bot's answer to each line with {@link renderMessage}.
 * Lines are handled one at a time, in order; the chat ends at the end of `input` or on `/quit`.
 *
 * @example
 * ```ts
 * await runChat({ world, input: process.stdin, output: process.stdout, interactive: true });
 * ```
 */
export async function runChat(options: ChatOptions): Promise<void> {
  const { world, output } = options;
  const timeout = options.replyTimeoutMs ?? 5_000;
  const print = (text: string) => output.write(`${text}\n`);
  let channel = findChannel(world.channels, options.channel ?? 'general') ?? world.channels[0]!;
  let clickables: Clickable[] = [];
  let me = world.you;
  const prompt = () => `#${channel.name} ${me.username}> `;

  const rl = createInterface({
    input: options.input,
    ...(options.interactive ? { output, terminal: true } : { terminal: false }),
  });
  // Ctrl+C in the terminal ends the chat (readline would only pause otherwise).
  rl.on('SIGINT', () => rl.close());
  options.signal?.addEventListener('abort', () => rl.close(), { once: true });
  if (options.signal?.aborted) rl.close();
  const showPrompt = () => {
    if (options.interactive) {
      rl.setPrompt(prompt());
      rl.prompt();
    }
  };

  const showReply = async (action: UserAction) => {
    let reply: BotMessage;
    try {
      reply = await action.reply({ timeout });
    } catch (error) {
      if ((error as { code?: string }).code !== 'ZRX_EMULATOR_REPLY_TIMEOUT') throw error;
      print(`  (no reply within ${timeout / 1000} s)`);
      return;
    }
    const { text, actions } = renderMessage(reply);
    const author = reply.raw.author?.username ?? 'bot';
    const shown = (options.color ?? options.interactive) === true ? renderMarkdown(text) : text;
    print(`${author}: ${shown.replaceAll('\n', '\n  ')}`);
    if (actions.length > 0) clickables = actions.map((action) => ({ message: reply, action }));
  };

  const handle = async (line: string): Promise<'quit' | undefined> => {
    if (line === '/quit' || line === '/exit') return 'quit';
    const channelCommand = /^\/channel(?:\s+#?(\S+))?$/.exec(line);
    if (channelCommand) {
      const wanted = channelCommand[1];
      const next = wanted ? findChannel(world.channels, wanted) : undefined;
      if (next) channel = next;
      else if (wanted) print(`  no channel #${wanted}`);
      print(
        `  channels: ${world.channels.map((c) => `#${c.name}`).join(' ')} (in #${channel.name})`,
      );
      return undefined;
    }
    const as = /^\/as(?:\s+@?(\S+))?$/.exec(line);
    if (as) {
      const next = as[1] ? world.users.get(as[1].toLowerCase()) : undefined;
      if (next) me = next;
      else if (as[1]) print(`  no user @${as[1]}`);
      print(
        `  users: ${[...world.users.keys()].map((u) => `@${u}`).join(' ')} (you are @${me.username})`,
      );
      return undefined;
    }
    const click = /^#(\d+)(?:\s+(.+))?$/.exec(line);
    if (click) {
      await showReply(clickComponent(clickables, Number(click[1]), click[2], world, me));
      return undefined;
    }
    if (line.startsWith('/')) {
      // A slow machine can open the chat before the bot synced its commands: wait for them.
      const registered = () => world.emulator.commands().length + world.guild.commands().length;
      if (registered() === 0) {
        print('  (waiting for the bot to register its slash commands…)');
        await world.emulator
          .waitFor(() => registered() > 0, {
            timeout: COMMANDS_WAIT_MS,
            description: 'the bot registers its commands',
          })
          .catch(() => undefined);
      }
      const { name, options: values } = parseSlashLine(
        line.slice(1),
        [...world.emulator.commands(), ...world.guild.commands()],
        world.mentions,
      );
      await showReply(me.slash(world.guild, name, values, { channel }));
      return undefined;
    }
    await showReply(me.send(channel, line));
    return undefined;
  };

  print(CHAT_HELP);
  showPrompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (!options.interactive && line) print(`${prompt()}${line}`);
    try {
      if (line && (await handle(line)) === 'quit') break;
    } catch (error) {
      print(`  ! ${(error as Error).message.replaceAll('\n', '\n    ')}`);
    }
    showPrompt();
  }
  rl.close();
}

function findChannel(channels: readonly ChannelHandle[], name: string): ChannelHandle | undefined {
  const wanted = name.replace(/^#/, '').toLowerCase();
  return channels.find((c) => c.name.toLowerCase() === wanted || c.id === wanted);
}

function clickComponent(
  clickables: readonly Clickable[],
  number: number,
  value: string | undefined,
  world: DevWorld,
  me: UserHandle,
): UserAction {
  const target = clickables.find((c) => c.action.number === number);
  if (!target) {
    const known = clickables.map((c) => `#${c.action.number}`).join(', ') || 'none';
    throw new CliError(
      'ZRX_CLI_CHAT_INPUT',
      `There is no component #${number} (components of the last message: ${known}).`,
    );
  }
  // The click is the current user's (`/as alice` then `#1` is alice clicking), so buttons
  // meant for several people (a poll, a game) can be tried from one terminal.
  const { message, action } = target;
  if (action.kind === 'button') return me.clickButton(message.raw, action.customId);
  if (!value) {
    throw new CliError(
      'ZRX_CLI_CHAT_INPUT',
      `#${number} is a select menu: type #${number} <value> to pick an option.`,
      `Type #${number} <value> with a value or label from the menu.`,
    );
  }
  const matches = (v: string) => (o: { value: string; label: string }) =>
    o.value === v || o.label.toLowerCase() === v.toLowerCase();
  // A whole label may contain spaces ("#1 Server Tools"); otherwise values are space/comma separated.
  const parts = action.options.some(matches(value)) ? [value] : value.split(/[\s,]+/);
  const values: SelectValue[] = parts.filter(Boolean).map((v) => {
    const option = action.options.find(matches(v));
    if (option) return option.value;
    return world.mentions.user(v) ?? world.mentions.role(v) ?? world.mentions.channel(v) ?? v;
  });
  return me.select(message.raw, action.customId, values);
}
