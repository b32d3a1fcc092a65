/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * The test API throws {@link EmulatorError} with these codes. Failures of the *bot* are not
 * thrown by the emulator: they are answered over HTTP with Discord's own status and
 * `{ code, message, errors }` (50035, 50013, 10062…), see
 * [what is implemented](./emulator.md#what-is-implemented).
 *
 * @remarks The single source of these codes: {@link EmulatorErrorCode} is derived from its keys,
 * an {@link EmulatorError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`). Discord-side failures are in
 * `rest/discord-error.ts`.
 */
export const emulatorErrorCatalogue = {
  ZRX_EMULATOR_REPLY_TIMEOUT: {
    meaning:
      "`reply()`, `nthReply()`, `replies()`, `acknowledged()`, `modal()` or `choices()` saw no matching answer from the bot within the timeout (default 5 s); the message names the action and lists the bot's last REST requests with statuses and error bodies",
    hint: "Check the listed requests (a 50013 or 50035 usually explains it), the client's intents, that the command is registered and that the bot answers in the same channel; pass `{ timeout }` to wait longer.",
  },
  ZRX_EMULATOR_UNKNOWN_COMMAND: {
    meaning:
      '`slash()`, `autocomplete()` or `contextMenu()` named a command the bot has not registered in that guild or globally; the message lists what is registered',
    hint: 'Await registration first (`await discord.waitFor(() => discord.commands().length > 0)`) or fix the name.',
  },
  ZRX_EMULATOR_INVALID_OPTION: {
    meaning:
      'a slash option is unknown, missing though required, of the wrong type or not one of its choices; a select value is not an option or the count is outside min/max; a modal field is unknown or a required one is empty',
    hint: 'Pass what the registered command, menu or modal declares (the message lists it).',
  },
  ZRX_EMULATOR_UNKNOWN_COMPONENT: {
    meaning:
      '`clickButton()` or `select()` named a custom id the message does not carry, or the component is disabled; the message lists the custom ids present',
    hint: 'Use a listed custom id, or await the message that carries the component.',
  },
  ZRX_EMULATOR_UNKNOWN_ENTITY: {
    meaning:
      'an action referenced a channel, guild, message or role that does not exist (or was deleted), or a user who is not a member of the guild',
    hint: 'Create the entity first (`createGuild`, `createChannel`, `addMember`) or keep handles only while it exists.',
  },
  ZRX_EMULATOR_WAIT_TIMEOUT: {
    meaning: '`waitFor(predicate)` stayed falsy for the whole timeout',
    hint: 'Check what the predicate reads (client caches update after the dispatch arrives); pass `{ timeout }` if the bot is legitimately slower.',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Stable codes of the errors the emulator's test API throws: the keys of {@link emulatorErrorCatalogue}. */
export type EmulatorErrorCode = keyof typeof emulatorErrorCatalogue;

/**
 * An error thrown by the emulator's test-facing API: a stable `code`, a message naming what was
 * wrong and where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await alice.send(general, '!ping').reply(); }
 * catch (error) { if (error instanceof EmulatorError) console.log(error.code, error.hint); }
 * ```
 */
export class EmulatorError extends Error {
  /** The stable error code, listed in docs/errors.md. */
  public readonly code: EmulatorErrorCode;
  /** A concrete suggestion to fix the cause. */
  public readonly hint: string;

  /**
   * Creates an error; the message gets the hint appended so test output shows both. `hint`
   * defaults to the catalogue's hint for `code`; pass a more specific one when you can.
   */
  public constructor(code: EmulatorErrorCode, message: string, hint?: string) {
    const shown = hint ?? emulatorErrorCatalogue[code].hint;
    super(`${message}\nHint: ${shown}`);
    this.name = 'EmulatorError';
    this.code = code;
    this.hint = shown;
  }
}
