/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * The `zoryx` command prints `error <code>: <message>` and `hint: <hint>`, and exits with
 * status 1.
 *
 * @remarks The single source of these codes: {@link CliErrorCode} is derived from its keys, a
 * {@link CliError} without its own hint takes the one here, and docs/errors.md is generated from
 * it (`node scripts/errors-doc.mjs`).
 */
export const cliErrorCatalogue = {
  ZRX_CLI_USAGE: {
    meaning:
      'the command line is wrong: no or an unknown command, an unknown option, an option without its value, extra arguments, `--reply-timeout` not a positive integer, a `zoryx dev` option given to `zoryx new`',
    hint: 'Run `zoryx --help` for the commands and options.',
  },
  ZRX_TOKEN_INVALID: {
    meaning:
      'the bot could not log in because Discord refused its token (discord.js `TokenInvalid`, or a 401 at login); `zoryx dev` and `zoryx start` report it instead of the raw discord.js error',
    hint: 'Copy the token again from https://discord.com/developers/applications → your app → Bot → Reset Token, put it in .env as DISCORD_TOKEN=…, or run `zoryx dev --offline` to use the emulator.',
  },
  ZRX_DISCORD_UNREACHABLE: {
    meaning:
      'the bot could not reach Discord at all (DNS failure, connection refused or timed out: no network, a proxy or a firewall); `zoryx dev` and `zoryx start` report it instead of the raw Node error',
    hint: 'Check the network connection (and any proxy or firewall for discord.com), or run `zoryx dev --offline` to develop against the emulator.',
  },
  ZRX_CLI_INVALID_EXTENSION_NAME: {
    meaning:
      '`zoryx new extension <name>` got a name that is not 1–32 lowercase letters, digits, `-` and `_` starting with a letter',
    hint: 'Use 1–32 lowercase letters, digits, `-` and `_`, starting with a letter, e.g. `zoryx new extension my-tickets` (the message suggests a valid form of the name).',
  },
  ZRX_CLI_EXTENSION_EXISTS: {
    meaning:
      '`zoryx new extension <name>`: `extensions/<name>/`, `extensions/<name>.ts` or `.js` already exists (nothing is overwritten)',
    hint: 'Pick another name, or edit the existing extension.',
  },
  ZRX_CLI_BOT_FOLDER: {
    meaning: 'the bot folder (the current one, or `--cwd`) does not exist',
    hint: 'Run the command in your bot folder, or pass `--cwd <dir>`.',
  },
  ZRX_CLI_ENTRY_NOT_FOUND: {
    meaning:
      '`zoryx dev` found no entry file: `--entry` does not exist, or none of `src/index.ts`, `src/index.js`, `index.ts`, `index.js` does',
    hint: 'Run it in your bot folder (or pass `--cwd`), or name the entry with `--entry <file>`.',
  },
  ZRX_CLI_SCRIPT_UNREADABLE: {
    meaning: '`zoryx dev --script <file>`: the file cannot be read',
    hint: 'Pass a text file with one chat line per line, relative to the bot folder.',
  },
  ZRX_CLI_BOT_EXITED: {
    meaning:
      'offline, the bot process exited before it logged in to the emulator and registered its commands',
    hint: 'Its output (the `[bot]` lines) says why; fix it and run `zoryx dev` again.',
  },
  ZRX_CLI_BOT_NOT_READY: {
    meaning:
      'offline, the bot process kept running but did not log in to the emulator within 120 s',
    hint: 'Check that the entry starts the bot (`createBot(...).start()`) and takes `DISCORD_TOKEN` and `ZORYX_DISCORD_API` from the environment.',
  },
  ZRX_CLI_CHAT_INPUT: {
    meaning:
      'a line typed in the `zoryx dev` chat cannot be acted on: `#<n>` names no component of the last message, or picks a select menu without a value; printed as `! <message>`, and the chat goes on',
    hint: 'Type `#<n>` with a number listed under the last message; for a select menu, `#<n> <value>`.',
  },
  ZRX_CLI_NO_TOKEN: {
    meaning:
      "`zoryx start` / `runBot` found no bot token: `DISCORD_TOKEN` is set neither in the environment nor in the bot folder's `.env`",
    hint: "Put `DISCORD_TOKEN=<your bot token>` in the bot folder's `.env` (copy `.env.example`), or use `zoryx dev --offline` to run against the emulator without one.",
  },
  ZRX_CLI_WORKER_OPTIONS: {
    meaning:
      "`@zoryx/cli`'s supervised worker entry (`dist/supervised-worker.js`) was started without the options `runBot` gives it (`ZORYX_RUN_OPTIONS`)",
    hint: 'Start the bot with `runBot()` or `zoryx start`; to supervise a bot of your own, give `startSupervisor` an entry of your own (see the @zoryx/supervisor README).',
  },
  ZRX_CLI_BOT_MODULE: {
    meaning:
      "`runBot({ bot })` of a customised bot: supervised, the worker imports the bot's module to take its createBot options, and `module` was not given, or the module failed to load in the worker, or loaded without calling `runBot()`",
    hint: "Pass `module: import.meta.url` from the module that calls `runBot({ bot })`, and call `runBot` from that module's top level (run it on its own with `supervise: false` to see a load error).",
  },
  ZRX_CLI_BOOT_BUNDLE: {
    meaning:
      'the boot bundle (`<data>/cache/boot`, what `zoryx start` builds after a start so the next one loads the framework from one file) could not be built; the bot is not affected: it keeps loading the framework from node_modules',
    hint: 'Nothing is needed for the bot to run. To stop trying, set ZORYX_BOOT_BUNDLE=off; to see why, run `zoryx start` with LOG_LEVEL=debug and report the message with your package versions.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable codes of the errors the `zoryx` command reports: the keys of {@link cliErrorCatalogue}. */
export type CliErrorCode = keyof typeof cliErrorCatalogue;

/**
 * An error of the `zoryx` command: a stable `code`, a message naming what was wrong and where,
 * and a `hint` with a concrete fix. The command prints all three and exits with status 1.
 *
 * @example
 * ```ts
 * try { await newExtension({ cwd, name: 'Bad Name!' }); }
 * catch (error) { if (error instanceof CliError) console.error(error.code, error.hint); }
 * ```
 */
export class CliError extends Error {
  /** The stable error code, listed in docs/errors.md. */
  public readonly code: CliErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`; pass a more specific one when you can. */
  public constructor(code: CliErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.hint = hint ?? cliErrorCatalogue[code].hint;
  }
}
