import {
  type BootReport,
  type ExtensionConfigSchema,
  ExtensionHost,
  type ExtensionHostOptions,
  type ExtensionStatus,
  normaliseExtensionName,
} from '@zoryx/loader';
import type { z } from 'zod';
import {
  applyMergePatch,
  composeMergePatches,
  type DeepMergePatch,
  unsetPathsOf,
} from '../config/json-merge-patch.js';
import { FrameworkError } from '../errors.js';
import { zodModule } from './zod-on-demand.js';

type StandardSchemaV1 = NonNullable<ExtensionConfigSchema>;

import {
  dropKeptSecrets,
  type ExtensionConfigOverrides,
  isJsonObject,
  isSecretKey,
  type JsonObject,
  maskSecrets,
} from './extension-config-overrides.js';

/** A JSON Schema document (draft 2020-12, as `z.toJSONSchema` writes it). */
export type JsonSchema = { readonly [key: string]: unknown };

/** An extension's settings as a settings UI needs them. Secrets are never in it. */
export interface ExtensionSettings {
  /** The extension's name. */
  readonly extension: string;
  /**
   * JSON Schema of its config input (from its zod schema), or `null` when the schema is not zod
   * or cannot be expressed (it can still be configured; only a form cannot be drawn).
   */
  readonly schema: JsonSchema | null;
  /**
   * The effective config (defaults applied) with every secret-looking field replaced by
   * `SETTINGS_SECRET_MARKER`. When the current input is invalid, the raw input (masked the same).
   */
  readonly values: JsonObject;
  /** Dotted paths of the secret-looking fields, set or not (`oauth.clientSecret`). */
  readonly secretPaths: readonly string[];
  /** Whether settings were changed at run time (an override is stored). */
  readonly overridden: boolean;
}

/** What {@link ZoryxExtensionHost.configure} did. `before`/`after` are masked like `values`. */
export interface ExtensionConfigureResult {
  readonly extension: string;
  readonly before: JsonObject;
  readonly after: JsonObject;
  /** Dotted paths the patch unset (sent as `null`), e.g. `['webhook.url']`; empty when none. */
  readonly unset: readonly string[];
  /** The extensions reloaded with it (it and its loaded dependents), in load order. */
  readonly reloaded: readonly string[];
}

function isZodSchema(schema: StandardSchemaV1): schema is StandardSchemaV1 & z.core.$ZodType {
  return schema['~standard'].vendor === 'zod' && '_zod' in schema;
}

function jsonSchemaOf(schema: StandardSchemaV1): JsonSchema | null {
  if (!isZodSchema(schema)) return null;
  try {
    // An extension built this schema, so zod is loaded (the shared instance, as a rule).
    return zodModule().toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A schema with parts JSON Schema cannot express (e.g. transforms with no input type).
    return null;
  }
}

function secretPathsOf(schema: JsonSchema | null, values: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const properties = schema?.properties;
  const keys = new Set([
    ...(isJsonObject(properties) ? Object.keys(properties) : []),
    ...(isJsonObject(values) ? Object.keys(values) : []),
  ]);
  for (const key of keys) {
    const path = `${prefix}${key}`;
    if (isSecretKey(key)) {
      paths.add(path);
      continue;
    }
    const inner = isJsonObject(properties) ? properties[key] : undefined;
    const innerSchema = isJsonObject(inner) ? inner : null;
    const innerValues = isJsonObject(values) ? values[key] : undefined;
    for (const p of secretPathsOf(innerSchema, innerValues, `${path}.`)) paths.add(p);
  }
  return paths;
}

/**
 * The bot's extension host (`bot.extensions`): the loader's {@link ExtensionHost} plus settings
 * changed at run time. Overrides live in the bot's store (`data/framework/extension-config.json`),
 * merged over `extensions.config.<name>` of `config.json` (never rewritten) whenever an
 * extension's `ctx.config` is built, so they survive restarts.
 */
export class ZoryxExtensionHost extends ExtensionHost {
  readonly #overrides: ExtensionConfigOverrides;
  readonly #fromFile: (name: string) => unknown;
  #settingsQueue: Promise<unknown> = Promise.resolve();

  /** @internal Built by the client; `fromFile` reads `extensions.config.<name>`. */
  constructor(
    options: ExtensionHostOptions,
    overrides: ExtensionConfigOverrides,
    fromFile: (name: string) => unknown,
  ) {
    super({ ...options, config: (name) => overrides.effective(name, fromFile(name)) });
    this.#overrides = overrides;
    this.#fromFile = fromFile;
  }

  override async boot(): Promise<BootReport> {
    await this.#overrides.load();
    return super.boot();
  }

  override async load(name: string): Promise<ExtensionStatus> {
    await this.#overrides.load();
    return super.load(name);
  }

  override async reload(name: string): Promise<string[]> {
    await this.#overrides.load();
    return super.reload(name);
  }

  /**
   * An extension's settings: its config's JSON Schema, its effective values with secrets
   * masked, and where the secrets are. Rejects with `ZRX_EXTENSION_NO_SETTINGS` when the host
   * knows no config schema for it.
   *
   * @example
   * ```ts
   * const { schema, values } = await bot.extensions.settingsOf('greeter');
   * ```
   */
  async settingsOf(name: string): Promise<ExtensionSettings> {
    await this.#overrides.load();
    const extension = normaliseExtensionName(name).name;
    const schema = this.#schemaOf(extension);
    const input = this.#input(extension);
    const values = await this.#valuesOf(extension, input);
    const json = jsonSchemaOf(schema);
    return {
      extension,
      schema: json,
      values: maskSecrets(values) as JsonObject,
      secretPaths: [...secretPathsOf(json, values)].sort(),
      overridden: this.#overrides.get(extension) !== undefined,
    };
  }

  /**
   * Changes an extension's settings with a JSON Merge Patch (RFC 7396): `patch` is applied over
   * its current config (objects key by key, arrays replaced, `null` unsets the key; a secret
   * field sent back as `SETTINGS_SECRET_MARKER` keeps its value), validated with the extension's
   * schema (`ZRX_EXT_CONFIG_INVALID` naming every bad key path — unsetting a required key too;
   * nothing changes), stored as an override that survives restarts (`config.json` is not
   * written), and the extension reloaded like {@link ExtensionHost.reload} (loaded if it was
   * not). If the reload fails, the previous override is restored, the loader has rolled the
   * extension back to its previous config, and this rejects with the loader's error
   * (`ZRX_EXT_RELOAD_FAILED`).
   *
   * A key unset here stays unset even if it is in `config.json` (the override keeps a `null`
   * tombstone for it), also when `config.json` is edited later, until a patch sets it again. Keys
   * the override does not hold follow `config.json`. A `null` cannot be stored as a value: for a
   * nullable setting, `null` unsets it (its default applies).
   *
   * `T` (optional) is the config's input type, e.g. `z.input<typeof schema>`: the patch is then
   * checked against it, `null` allowed only for optional keys ({@link DeepMergePatch}).
   *
   * @example
   * ```ts
   * const { before, after } = await bot.extensions.configure('greeter', { greeting: 'Hi' });
   * await bot.extensions.configure<GreeterInput>('greeter', { webhook: null }); // unset
   * ```
   */
  configure<T extends object = JsonObject>(
    name: string,
    patch: DeepMergePatch<NoInfer<T>>,
  ): Promise<ExtensionConfigureResult> {
    // One change at a time: each one reads the override the previous one stored.
    const run = () => this.#configure(normaliseExtensionName(name).name, patch);
    const next = this.#settingsQueue.then(run, run);
    this.#settingsQueue = next.catch(() => undefined);
    return next;
  }

  async #configure(extension: string, patch: unknown): Promise<ExtensionConfigureResult> {
    await this.#overrides.load();
    this.#schemaOf(extension);
    // Only JSON reaches the store: functions, dates and class instances are refused or flattened.
    const json: unknown = isJsonObject(patch) ? JSON.parse(JSON.stringify(patch)) : patch;
    if (!isJsonObject(json)) {
      throw new FrameworkError(
        'ZRX_EXTENSION_SETTINGS_PATCH',
        `Settings of extension "${extension}" must be changed with an object, not ${Array.isArray(patch) ? 'an array' : typeof patch}.`,
      );
    }
    const previous = this.#overrides.get(extension);
    const before = await this.#valuesOf(extension, this.#input(extension));
    const fromFile = this.#fromFile(extension);
    const change = dropKeptSecrets(json);
    const composed = composeMergePatches(previous, change, fromFile);
    const override = Object.keys(composed).length > 0 ? composed : undefined;
    const after = await this.validateConfigOf(
      extension,
      override ? applyMergePatch(fromFile, override) : fromFile,
    );
    await this.#overrides.set(extension, override);
    let reloaded: string[];
    try {
      reloaded = await this.reload(extension);
    } catch (error) {
      await this.#overrides.set(extension, previous);
      throw error;
    }
    return {
      extension,
      before: maskSecrets(before) as JsonObject,
      after: maskSecrets(isJsonObject(after) ? after : {}) as JsonObject,
      unset: unsetPathsOf(change),
      reloaded,
    };
  }

  #schemaOf(extension: string): StandardSchemaV1 {
    const schema = this.configSchemaOf(extension);
    if (!schema) {
      throw new FrameworkError(
        'ZRX_EXTENSION_NO_SETTINGS',
        `Extension "${extension}" has no settings: the host knows no config schema for it.`,
      );
    }
    return schema;
  }

  #input(extension: string): unknown {
    return this.#overrides.effective(extension, this.#fromFile(extension));
  }

  async #valuesOf(extension: string, input: unknown): Promise<JsonObject> {
    try {
      const parsed = await this.validateConfigOf(extension, input);
      return isJsonObject(parsed) ? parsed : {};
    } catch {
      // Invalid now (e.g. the file was edited badly): show what is there so it can be fixed.
      return isJsonObject(input) ? input : {};
    }
  }
}
