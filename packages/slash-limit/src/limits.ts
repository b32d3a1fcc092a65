/**
 * Discord's application-command limits, as documented on
 * {@link https://discord.com/developers/docs/interactions/application-commands | Application Commands}
 * ("Application Command Naming", "Application Command Structure", "Registering a Command").
 *
 * Defined here rather than taken from `@sapphire/discord-utilities` because that package does not
 * carry the per-type command counts, the choice-value length or the length-constraint bounds.
 */
export const DiscordLimits = {
  /** Chat-input (slash) commands per scope (global, or one guild). */
  chatInputCommands: 100,
  /** User context-menu commands per scope (raised from 5 to 15 in 2024). */
  userCommands: 15,
  /** Message context-menu commands per scope (raised from 5 to 15 in 2024). */
  messageCommands: 15,
  /** Primary entry point commands (Activities), global only. */
  entryPointCommands: 1,
  /** Options (or subcommands / groups) at any one level. */
  options: 25,
  /** Choices on one option. */
  choices: 25,
  /** Characters in a command or option name. */
  nameLength: 32,
  /** Characters in a command or option description. */
  descriptionLength: 100,
  /** Characters in a choice name. */
  choiceNameLength: 100,
  /** Characters in a string choice value. */
  choiceValueLength: 100,
  /** Names, descriptions, choice names and values of one top-level command, combined. */
  combinedCharacters: 4000,
  /** Upper bound of `min_length` / `max_length` on string options. */
  stringLength: 6000,
  /** Largest magnitude of an INTEGER option value (2^53 - 1). */
  maxSafeInteger: Number.MAX_SAFE_INTEGER,
  /** Largest magnitude of a NUMBER option value (2^53). */
  maxNumber: 2 ** 53,
  /** Command creations per day per scope (a rate limit, reported but not enforced here). */
  createsPerDay: 200,
} as const;

/**
 * The name rule for chat-input commands and all options: letters, numbers, `-`, `_`, `'`,
 * Devanagari and Thai, 1–32 characters (Unicode flag).
 */
export const CHAT_INPUT_NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
