/**
 * Plain-data description of an error, safe to log, store or send across a process boundary.
 * Event payloads carry this instead of live `Error` objects.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** A `ZRX_*` or library error code, when the error had one. */
  readonly code?: string;
  readonly stack?: string;
}

/**
 * The event map of the bus: event name → payload. This package declares no events of its own:
 * every layer above it (the framework, the loader, each extension) adds its events by
 * declaration merging, and then gets typed `on`/`emit` for them:
 *
 * ```ts
 * declare module '@zoryx/hooks' {
 *   interface HookEvents {
 *     level_up: { userId: string; guildId: string; level: number };
 *   }
 * }
 * ```
 *
 * Payloads should be plain data (ids as strings); this package knows nothing about discord.js.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface HookEvents {}
