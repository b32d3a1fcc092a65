// The one-line-per-event view of a bot's output in `zoryx dev`: pino JSON lines and Node's
// multi-line uncaught-error dumps become `time LEVEL [scope] message` lines; errors carry their
// ZRX code and hint, and their stack only with --verbose.
import { cliErrorCatalogue } from './errors.js';

/** Options of {@link createDevLogFormatter}. */
export interface DevLogFormatOptions {
  /** Print stacks under errors (`zoryx dev --verbose`). */
  verbose: boolean;
  /** ANSI colours (a TTY). */
  color: boolean;
  /** Where finished lines go. */
  write(line: string): void;
}

/** Feeds lines of a bot's stdout/stderr; `flush()` prints a pending error dump. */
export interface DevLogFormatter {
  line(text: string): void;
  flush(): void;
}

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '90'],
  30: ['INFO ', '36'],
  40: ['WARN ', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '35'],
};

/** Fields every pino line has, or that the formatter shows in its own way. */
const SHOWN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'err', 'error', 'code', 'hint']);
const SCOPES = ['extension', 'name', 'module'];

interface ErrorFields {
  type?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  hint?: unknown;
}

/**
 * Codes for the two start failures discord.js and Node report without a Zoryx code: a token
 * Discord refuses, and no route to Discord at all.
 */
export const STARTUP_CODES = {
  ZRX_TOKEN_INVALID: {
    message: 'Discord refused the bot token (DISCORD_TOKEN).',
    hint: cliErrorCatalogue.ZRX_TOKEN_INVALID.hint,
  },
  ZRX_DISCORD_UNREACHABLE: {
    message: 'Discord cannot be reached from this machine (no network, DNS or a firewall).',
    hint: cliErrorCatalogue.ZRX_DISCORD_UNREACHABLE.hint,
  },
} as const;

const NETWORK_CODES =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|UND_ERR_CONNECT_TIMEOUT)\b/;

/**
 * The Zoryx code of a start failure that has none: discord.js's `TokenInvalid` (or a 401 on
 * login) is ZRX_TOKEN_INVALID; a DNS or connection failure is ZRX_DISCORD_UNREACHABLE.
 */
export function startupCodeOf(text: string, code?: unknown): keyof typeof STARTUP_CODES | null {
  if (code === 'TokenInvalid' || /\bTokenInvalid\b|An invalid token was provided/.test(text)) {
    return 'ZRX_TOKEN_INVALID';
  }
  if ((typeof code === 'string' && NETWORK_CODES.test(code)) || NETWORK_CODES.test(text)) {
    return 'ZRX_DISCORD_UNREACHABLE';
  }
  return null;
}

function paint(color: boolean, code: string, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function clock(time: unknown): string {
  const date = typeof time === 'number' ? new Date(time) : new Date();
  return date.toTimeString().slice(0, 8);
}

function compact(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function stackLines(stack: string | undefined): string[] {
  return (stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
}

/** One pino JSON line as one line (plus the stack with verbose); null if it is not pino JSON. */
export function formatPinoLine(
  text: string,
  options: Omit<DevLogFormatOptions, 'write'>,
): string | null {
  if (!text.startsWith('{')) return null;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof entry.level !== 'number') return null;
  const [label, colour] = LEVELS[entry.level] ?? ['LOG  ', '0'];
  const err = (entry.err ?? entry.error) as ErrorFields | undefined;
  const scope = SCOPES.map((key) => entry[key]).find((value) => typeof value === 'string');
  let code = entry.code ?? err?.code;
  let hint = entry.hint ?? err?.hint;
  let message = typeof entry.msg === 'string' ? entry.msg : '';
  if (err?.message && !message.includes(err.message)) {
    message = message ? `${message}: ${err.message}` : err.message;
  }
  if (typeof code !== 'string' || !code.startsWith('ZRX_')) {
    const startup = err ? startupCodeOf(`${err.message ?? ''} ${err.stack ?? ''}`, code) : null;
    if (startup) {
      code = startup;
      hint = STARTUP_CODES[startup].hint;
      message = `${STARTUP_CODES[startup].message} (${message})`;
    }
  }
  const extras = Object.entries(entry)
    .filter(([key, value]) => !SHOWN.has(key) && !SCOPES.includes(key) && value !== undefined)
    .map(([key, value]) => `${key}=${compact(value)}`);
  const parts = [
    paint(options.color, '90', clock(entry.time)),
    paint(options.color, colour, label),
    scope ? paint(options.color, '35', `[${scope}]`) : '',
    typeof code === 'string' ? paint(options.color, '1', code) : '',
    message,
    extras.length > 0 ? paint(options.color, '90', extras.join(' ')) : '',
  ].filter(Boolean);
  let line = parts.join(' ');
  if (typeof hint === 'string') line += `\n    ${paint(options.color, '32', `hint: ${hint}`)}`;
  if (options.verbose && err?.stack) {
    line += `\n${stackLines(err.stack)
      .map((frame) => `    ${frame.trim()}`)
      .join('\n')}`;
  }
  return line;
}

const ERROR_HEAD = /^(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception))(?: \[(\w+)\])?: (.*)$/;

/**
 * One Node uncaught-error dump (source excerpt, `Error: message`, frames, `{ code, hint }`,
 * `Node.js v…`) as one coded line. Returns null when the block holds no error head line.
 */
export function formatErrorDump(
  lines: readonly string[],
  options: Omit<DevLogFormatOptions, 'write'>,
): string | null {
  const headIndex = lines.findIndex((line) => ERROR_HEAD.test(line.trim()));
  if (headIndex < 0) return null;
  const [, type = 'Error', bracket, rawMessage = ''] =
    ERROR_HEAD.exec(lines[headIndex]!.trim()) ?? [];
  const field = (name: string) =>
    lines
      .map((line) => new RegExp(`^\\s*${name}: ['"](.*)['"],?$`).exec(line)?.[1])
      .find((value) => value !== undefined);
  let code = field('code') ?? bracket;
  let hint = field('hint');
  let message = rawMessage;
  const text = lines.join('\n');
  if (!code?.startsWith('ZRX_')) {
    const startup = startupCodeOf(text, code);
    if (startup) {
      code = startup;
      hint = STARTUP_CODES[startup].hint;
      message = `${STARTUP_CODES[startup].message} (${type}: ${rawMessage})`;
    } else if (code === undefined) {
      message = `${type}: ${rawMessage}`;
    }
  }
  let line = `${paint(options.color, '90', clock(undefined))} ${paint(options.color, '31', 'ERROR')} ${
    code ? `${paint(options.color, '1', code)} ` : ''
  }${message}`;
  if (hint) line += `\n    ${paint(options.color, '32', `hint: ${hint}`)}`;
  if (options.verbose) {
    line += `\n${stackLines(text)
      .map((frame) => `    ${frame.trim()}`)
      .join('\n')}`;
  }
  return line;
}

/**
 * The formatter `zoryx dev` puts between the bot's output and the terminal. Plain lines pass
 * through; a Node error dump (starting at a `file:line` or `Error:` line) is held until its
 * end (`Node.js v…`, or {@link DevLogFormatter.flush} when the bot exits) and printed as one line.
 */
export function createDevLogFormatter(options: DevLogFormatOptions): DevLogFormatter {
  let dump: string[] | null = null;
  const flush = () => {
    if (!dump) return;
    const lines = dump;
    dump = null;
    const formatted = formatErrorDump(lines, options);
    if (formatted) options.write(formatted);
    else for (const line of lines) if (line.trim()) options.write(line);
  };
  return {
    line(text) {
      const pino = formatPinoLine(text, options);
      if (pino !== null) {
        flush();
        options.write(pino);
        return;
      }
      if (dump) {
        dump.push(text);
        if (/^Node\.js v\d/.test(text.trim())) flush();
        return;
      }
      // The start of an uncaught-error dump: `/path/file.js:12` or `file:///…:12`, or the head.
      if (/^(file:\/\/)?\/.*:\d+$/.test(text.trim()) || ERROR_HEAD.test(text.trim())) {
        dump = [text];
        return;
      }
      if (text.trim()) options.write(text);
    },
    flush,
  };
}
