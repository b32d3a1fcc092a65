// The one module bot authors augment. Each interface here is empty and is inherited by its
// counterpart in a lower package (`@zoryx/loader`, `@zoryx/hooks`, `@zoryx/db`), so
//
//   declare module '@zoryx/framework' { interface HookEvents { greeted: { userId: string } } }
//
// types `ctx.hooks.emit('greeted', …)` without the author knowing which package owns the bus.
// The lower packages keep their own interfaces (augmenting them directly still works).

/**
 * Public APIs of extensions by name: what `ctx.extensions.get(name)` and `bot.extensions.get(name)`
 * return. Add yours where the extension is defined:
 *
 * ```ts
 * declare module '@zoryx/framework' {
 *   interface ExtensionApis { greeter: { greeting(name: string): string } }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface ExtensionApis {}

/**
 * Hook events by name → payload (plain data). The framework's own events (`bot_ready`,
 * `guild_joined`, `command_executed`, …) and the loader's (`extension_loaded`, …) are included.
 *
 * ```ts
 * declare module '@zoryx/framework' {
 *   interface HookEvents { level_up: { guildId: string; userId: string; level: number } }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface HookEvents {}

/**
 * Tables of every guild database (`await ctx.db.guild(id)`), by name → row type. Use
 * {@link Generated} for auto-increment columns.
 *
 * ```ts
 * declare module '@zoryx/framework' {
 *   interface GuildTables { warnings: { id: Generated<number>; user_id: string; reason: string } }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface GuildTables {}

/** Tables of the main (bot-wide) database, `ctx.db.main`; augmented like {@link GuildTables}. */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface MainTables {}

type AuthorApis = ExtensionApis;
type AuthorEvents = HookEvents;
type AuthorGuildTables = GuildTables;
type AuthorMainTables = MainTables;

declare module '@zoryx/loader' {
  interface ExtensionApis extends AuthorApis {}
}
declare module '@zoryx/hooks' {
  interface HookEvents extends AuthorEvents {}
}
declare module '@zoryx/db' {
  interface GuildTables extends AuthorGuildTables {}
  interface MainTables extends AuthorMainTables {}
}
