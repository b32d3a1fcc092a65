import type { AtomicStore } from '@zoryx/store';
import { applyMergePatch, isJsonObject, type JsonObject } from '../config/json-merge-patch.js';

export { isJsonObject, type JsonObject };

/** Store path (under the bot's data folder) of the settings changed at run time, by extension. */
export const EXTENSION_CONFIG_PATH = 'framework/extension-config.json';

/**
 * What {@link ExtensionSettings.values} shows instead of a secret-looking field's value; a
 * `configure` patch that sends it back for such a field keeps the stored value.
 */
export const SETTINGS_SECRET_MARKER = '[secret]';

interface OverridesFile {
  readonly version: 1;
  readonly extensions: Readonly<Record<string, JsonObject>>;
}

// Keys never copied from a patch: they would reach Object.prototype through a merge.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SECRET_NAMES = new Set([
  'token',
  'secret',
  'password',
  'key',
  'apikey',
  'clientsecret',
  'authorization',
]);

/**
 * Whether a config key names a secret: token, secret, password, key, api_key, client_secret,
 * authorization (any case, `_`/`-` ignored), or a name ending in token/secret/password/apikey
 * (`botToken`, `webhookSecret`).
 */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  return SECRET_NAMES.has(k) || /(token|secret|password|apikey)$/.test(k);
}

/** A copy with every set secret-looking field (at any depth) replaced by the marker. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    const set = inner !== undefined && inner !== null && inner !== '';
    out[key] = isSecretKey(key) && set ? SETTINGS_SECRET_MARKER : maskSecrets(inner);
  }
  return out;
}

/** The patch without the secret fields it sent back as the marker (those keep their value). */
export function dropKeptSecrets(patch: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(key)) continue;
    if (isSecretKey(key) && value === SETTINGS_SECRET_MARKER) continue;
    out[key] = isJsonObject(value) ? dropKeptSecrets(value) : value;
  }
  return out;
}

/**
 * The settings changed at run time, kept in the bot's store (never in `config.json`, which the
 * framework does not write) and applied over `extensions.config.<name>` whenever the loader
 * builds an extension's `ctx.config`. Loaded once before the first extension loads.
 *
 * Each override is a JSON Merge Patch (RFC 7396) of the `config.json` section: keys it holds win,
 * keys it does not hold follow `config.json` (also after an edit of the file), and a `null` in it
 * is a tombstone — the key stays unset whatever `config.json` says, until a later `configure`
 * sets it again.
 */
export class ExtensionConfigOverrides {
  readonly #store: AtomicStore;
  #byName: Record<string, JsonObject> = {};
  #loaded: Promise<void> | undefined;

  constructor(store: AtomicStore) {
    this.#store = store;
  }

  /** Reads the stored overrides (once). */
  load(): Promise<void> {
    this.#loaded ??= this.#store.readJson<OverridesFile>(EXTENSION_CONFIG_PATH).then((file) => {
      this.#byName = { ...(file?.extensions ?? {}) };
    });
    return this.#loaded;
  }

  /** The stored override of an extension (`undefined` when none). */
  get(name: string): JsonObject | undefined {
    return this.#byName[name];
  }

  /** The config input the loader validates: the override applied over the config file's section. */
  effective(name: string, fromFile: unknown): unknown {
    const override = this.#byName[name];
    return override ? applyMergePatch(fromFile, override) : fromFile;
  }

  /** Replaces (or with `undefined` removes) an extension's override and persists all of them. */
  async set(name: string, override: JsonObject | undefined): Promise<void> {
    const next = { ...this.#byName };
    if (override) next[name] = override;
    else delete next[name];
    const file: OverridesFile = { version: 1, extensions: next };
    await this.#store.writeJson(EXTENSION_CONFIG_PATH, file);
    this.#byName = next;
  }
}
