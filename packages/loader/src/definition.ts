import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ExtensionContext } from './context.js';

/**
 * Extra fields a host adds to every extension definition. Empty here; a host such as
 * `@zoryx/framework` augments it:
 *
 * ```ts
 * declare module '@zoryx/loader' {
 *   interface ExtensionDefinitionExtras { commands?: readonly CommandClass[] }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface ExtensionDefinitionExtras {}

/**
 * The shape of an extension's database migrations. The loader passes them through untouched;
 * the package that runs them (e.g. `@zoryx/framework` with `@zoryx/db`) augments this interface
 * so authors get it typed.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an augmentation point, filled by declaration merging
export interface ExtensionMigrations {}

/** A config schema: any Standard Schema (zod, valibot, arktype, …) or none. */
export type ExtensionConfigSchema = StandardSchemaV1 | undefined;

/** The type `ctx.config` has for a given schema: its output, or `undefined` without a schema. */
export type ConfigOf<TSchema extends ExtensionConfigSchema> = TSchema extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<TSchema>
  : undefined;

/** What `setup` may return: nothing, or the extension's public API (reachable via `ctx.extensions`). */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a setup without a return statement type-check
export type ExtensionApiResult = object | undefined | void;

/**
 * An extension's definition: its manifest (name, version, relations), its config schema, its
 * migrations, and its lifecycle. The entry file default-exports one, usually via
 * {@link defineExtension}.
 */
export interface ExtensionDefinition<
  TSchema extends ExtensionConfigSchema = ExtensionConfigSchema,
  TApi extends ExtensionApiResult = ExtensionApiResult,
> extends ExtensionDefinitionExtras {
  /** Lowercase `[a-z0-9-_]`; spaces are normalised to `-` (with a warning). */
  name: string;
  /** A semver version, checked against dependents' ranges. */
  version: string;
  /** One line for listings. */
  description?: string;
  /** Who maintains it. */
  author?: string;
  /** Extensions that must be loaded first: name → semver range. */
  dependencies?: Readonly<Record<string, string>>;
  /** Loaded first when present; their range is checked only if present. */
  optionalDependencies?: Readonly<Record<string, string>>;
  /** Extensions that cannot run beside this one: name → range (`*` = any version). */
  conflicts?: Readonly<Record<string, string>>;
  /** Validates the extension's config at load; the output is `ctx.config`. */
  config?: TSchema;
  /** Passed through to the host untouched (see {@link ExtensionMigrations}). */
  migrations?: ExtensionMigrations;
  /**
   * Called once per load, after its dependencies are set up. Whatever it registers through `ctx`
   * is released on unload. May return a public API object for other extensions.
   */
  setup?(ctx: ExtensionContext<ConfigOf<TSchema>>): TApi | Promise<TApi>;
  /** Called before the extension's owned resources are released on unload or reload. */
  teardown?(ctx: ExtensionContext<ConfigOf<TSchema>>): void | Promise<void>;
}

/**
 * Declares an extension with full typing of `ctx.config` (from the schema) and of the public API
 * that `setup` returns. Returns its argument unchanged.
 *
 * @example
 * ```ts
 * export default defineExtension({
 *   name: 'greeter', version: '1.0.0',
 *   config: z.object({ greeting: z.string().default('hello') }),
 *   setup(ctx) {
 *     ctx.schedule.every('1h', () => ctx.logger.info(ctx.config.greeting));
 *     return { greet: (who: string) => `${ctx.config.greeting}, ${who}` };
 *   },
 * });
 * ```
 */
export function defineExtension<
  TSchema extends ExtensionConfigSchema = undefined,
  TApi extends ExtensionApiResult = undefined,
>(definition: ExtensionDefinition<TSchema, TApi>): ExtensionDefinition<TSchema, TApi> {
  return definition;
}
