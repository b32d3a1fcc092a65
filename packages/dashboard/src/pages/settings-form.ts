import type { JsonObject, JsonSchema } from '@zoryx/framework';
import { html, type SafeHtml } from './html.js';

/**
 * An extension's settings form, drawn from the JSON Schema of its config with the dashboard's
 * own inputs (never markup from the extension: every label, description and value is text).
 * The same walk over the schema reads the submitted form back into a settings patch, so the
 * inputs drawn and the fields read can never disagree.
 */

type Kind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'object' | 'other';

const isObject = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(node: JsonSchema): Kind {
  const values = node.enum;
  if (Array.isArray(values) && values.every((v) => typeof v === 'string' || typeof v === 'number'))
    return 'enum';
  const type = node.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean')
    return type;
  if (type === 'object' && isObject(node.properties)) return 'object';
  return 'other';
}

function propertiesOf(node: JsonSchema): [string, JsonSchema][] {
  const properties = node.properties;
  if (!isObject(properties)) return [];
  return Object.entries(properties).flatMap(([key, inner]) =>
    isObject(inner) ? [[key, inner] as [string, JsonSchema]] : [],
  );
}

/** Whether `key` may be left out of `node` (not in its `required`): clearing it unsets it. */
function isOptional(node: JsonSchema, key: string): boolean {
  const required = node.required;
  return !(Array.isArray(required) && required.includes(key));
}

/** The form field name of a setting: `setting:` and its dotted path. */
export const fieldName = (path: readonly string[]): string => `setting:${path.join('.')}`;

/**
 * The name of the box that unsets a set optional secret or a whole optional section: `unset:` and
 * its dotted path.
 */
export const unsetName = (path: readonly string[]): string => `unset:${path.join('.')}`;

/** What the form is drawn from: `ExtensionSettings` of `@zoryx/framework`. */
export interface SettingsView {
  readonly schema: JsonSchema;
  readonly values: JsonObject;
  readonly secretPaths: readonly string[];
}

function labelOf(key: string, node: JsonSchema): SafeHtml {
  const title = typeof node.title === 'string' ? node.title : key;
  const description = typeof node.description === 'string' ? node.description : '';
  return html`<span class="label">${title}</span>${
    description ? html` <small>${description}</small>` : ''
  }`;
}

function leaf(
  key: string,
  path: readonly string[],
  node: JsonSchema,
  value: unknown,
  secret: boolean,
  optional: boolean,
): SafeHtml {
  const name = fieldName(path);
  const kind = kindOf(node);
  const label = labelOf(key, node);
  if (secret) {
    // A secret is never sent back to the browser; empty means "keep the stored one".
    const hint = value === undefined ? 'not set' : 'set — leave empty to keep';
    // An optional secret that is set can be cleared on purpose (empty alone keeps it).
    const clear =
      optional && value !== undefined
        ? html` <label class="unset"><input type="checkbox" name="${unsetName(path)}" value="on"> clear</label>`
        : '';
    return html`<label>${label} <input type="password" name="${name}" value="" autocomplete="new-password" placeholder="${hint}"></label>${clear}`;
  }
  if (kind === 'boolean') {
    return html`<label><input type="checkbox" name="${name}" value="on"${value === true ? html` checked` : ''}> ${label}</label>`;
  }
  if (kind === 'enum') {
    const options = (node.enum as readonly (string | number)[]).map(
      (option) =>
        html`<option value="${String(option)}"${option === value ? html` selected` : ''}>${String(option)}</option>`,
    );
    // "—" (unset) is offered while unset, and always for an optional setting.
    const none =
      value === undefined || optional
        ? html`<option value=""${value === undefined ? html` selected` : ''}>—</option>`
        : '';
    return html`<label>${label} <select name="${name}">${none}${options}</select></label>`;
  }
  if (kind === 'number' || kind === 'integer') {
    const min = typeof node.minimum === 'number' ? html` min="${node.minimum}"` : '';
    const max = typeof node.maximum === 'number' ? html` max="${node.maximum}"` : '';
    const step = kind === 'integer' ? '1' : 'any';
    return html`<label>${label} <input type="number" name="${name}" step="${step}"${min}${max} value="${typeof value === 'number' ? String(value) : ''}"></label>`;
  }
  if (kind === 'string') {
    return html`<label>${label} <input type="text" name="${name}" value="${typeof value === 'string' ? value : ''}"></label>`;
  }
  // Arrays, unions, records…: shown, not edited here.
  return html`<div class="readonly">${label} <code>${value === undefined ? '—' : JSON.stringify(value)}</code> <small>(read-only here: edit it in config.json)</small></div>`;
}

function fields(view: SettingsView, node: JsonSchema, values: unknown, path: string[]): SafeHtml[] {
  const secrets = new Set(view.secretPaths);
  return propertiesOf(node).map(([key, inner]) => {
    const at = [...path, key];
    const value = isObject(values) ? values[key] : undefined;
    if (!secrets.has(at.join('.')) && kindOf(inner) === 'object') {
      // A set optional section can be removed whole (its required keys could not be emptied alone).
      const clear =
        isOptional(node, key) && value !== undefined
          ? html`<label class="unset"><input type="checkbox" name="${unsetName(at)}" value="on"> remove this section</label>`
          : '';
      return html`<fieldset><legend>${labelOf(key, inner)}</legend>${clear}${fields(view, inner, value, at)}</fieldset>`;
    }
    return leaf(key, at, inner, value, secrets.has(at.join('.')), isOptional(node, key));
  });
}

/** The form's inputs (without the `<form>`): one per setting, nested objects as fieldsets. */
export function settingsFields(view: SettingsView): SafeHtml {
  return html`${fields(view, view.schema, view.values, [])}`;
}

function read(body: unknown, name: string): string | undefined {
  if (!isObject(body)) return undefined;
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

function patchOf(
  view: SettingsView,
  node: JsonSchema,
  values: unknown,
  path: string[],
  body: unknown,
): JsonObject {
  const patch: JsonObject = {};
  const secrets = new Set(view.secretPaths);
  for (const [key, inner] of propertiesOf(node)) {
    const at = [...path, key];
    const current = isObject(values) ? values[key] : undefined;
    const sent = read(body, fieldName(at));
    const kind = kindOf(inner);
    // A set optional setting whose input was emptied is unset (JSON Merge Patch `null`): its
    // default applies, or it is absent. A required one is sent empty, for the schema to name it.
    const cleared = sent === '' && current !== undefined;
    const unset = cleared && isOptional(node, key);
    if (secrets.has(at.join('.'))) {
      if (read(body, unsetName(at)) !== undefined && isOptional(node, key)) patch[key] = null;
      else if (sent) patch[key] = sent; // empty: keep the stored secret
    } else if (kind === 'object') {
      const nested = patchOf(view, inner, current, at, body);
      if (read(body, unsetName(at)) !== undefined && isOptional(node, key)) patch[key] = null;
      else if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (kind === 'boolean') {
      const checked = sent !== undefined;
      if (current !== undefined || checked) patch[key] = checked;
    } else if (unset) {
      patch[key] = null;
    } else if (kind === 'number' || kind === 'integer') {
      // Not a number: sent as typed, so the extension's schema names the key in its error.
      if (cleared) patch[key] = sent;
      else if (sent !== undefined && sent !== '')
        patch[key] = Number.isNaN(Number(sent)) ? sent : Number(sent);
    } else if (kind === 'enum') {
      if (sent !== undefined && sent !== '') {
        const options = inner.enum as readonly (string | number)[];
        patch[key] = options.find((option) => String(option) === sent) ?? sent;
      }
    } else if (kind === 'string') {
      // An empty box for a setting that was never set stays unset (an optional URL stays absent).
      if (sent !== undefined && (sent !== '' || current !== undefined)) patch[key] = sent;
    }
  }
  return patch;
}

/**
 * Reads a submitted settings form into the JSON Merge Patch `bot.extensions.configure` takes:
 * changed inputs as values, an emptied optional input (or a ticked "clear" of a secret) as `null`.
 */
export function settingsPatch(view: SettingsView, body: unknown): JsonObject {
  return patchOf(view, view.schema, view.values, [], body);
}
