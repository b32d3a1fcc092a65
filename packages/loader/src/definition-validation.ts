import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ExtensionDefinition } from './definition.js';
import { LoaderError } from './errors.js';
import { normaliseExtensionName } from './names.js';

/** A definition read from a module, with its normalised name and any warnings about it. */
export interface ReadDefinition {
  definition: ExtensionDefinition;
  /** The normalised name the host uses. */
  name: string;
  warnings: string[];
}

/**
 * Picks the definition out of an evaluated module (`export default` or `module.exports`) and
 * checks its shape. Throws `ZRX_EXT_INVALID_DEFINITION` listing every bad field at once.
 */
export function readDefinition(moduleExports: unknown, label: string): ReadDefinition {
  const candidate = pickDefault(moduleExports);
  const problems: string[] = [];
  if (candidate === null || typeof candidate !== 'object') {
    throw invalid(label, [
      `the module's default export is ${candidate === null ? 'null' : typeof candidate}, not a definition object`,
    ]);
  }
  const def = candidate as Record<string, unknown>;
  if (typeof def.name !== 'string' || def.name.trim() === '')
    problems.push('`name` must be a non-empty string');
  if (typeof def.version !== 'string' || def.version.trim() === '')
    problems.push('`version` must be a semver string');
  for (const field of ['description', 'author'] as const) {
    if (def[field] !== undefined && typeof def[field] !== 'string')
      problems.push(`\`${field}\` must be a string`);
  }
  for (const field of ['dependencies', 'optionalDependencies', 'conflicts'] as const) {
    const value = def[field];
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`\`${field}\` must be an object of name → semver range`);
    } else {
      for (const [dep, range] of Object.entries(value)) {
        if (typeof range !== 'string')
          problems.push(`\`${field}.${dep}\` must be a semver range string`);
      }
    }
  }
  for (const field of ['setup', 'teardown'] as const) {
    if (def[field] !== undefined && typeof def[field] !== 'function')
      problems.push(`\`${field}\` must be a function`);
  }
  if (def.config !== undefined && !isStandardSchema(def.config)) {
    problems.push('`config` must be a Standard Schema (zod ≥ 3.24, valibot ≥ 1, arktype, …)');
  }
  const warnings: string[] = [];
  let name = typeof def.name === 'string' ? def.name : '';
  if (name) {
    const normalised = normaliseExtensionName(name);
    if (!normalised.valid) {
      problems.push(`\`name\` "${name}" must be lowercase letters, digits, "-" or "_"`);
    } else if (normalised.changed) {
      warnings.push(`extension name "${name}" was normalised to "${normalised.name}"`);
    }
    name = normalised.name;
  }
  if (problems.length > 0) throw invalid(label, problems);
  return { definition: def as unknown as ExtensionDefinition, name, warnings };
}

/**
 * Validates raw config input against the definition's schema. Without a schema the config is
 * `undefined`; missing input (`undefined`) is validated as `{}`, so an object schema's defaults
 * apply. Throws `ZRX_EXT_CONFIG_INVALID` naming every failing path.
 */
export async function validateConfig(
  definition: Pick<ExtensionDefinition, 'config'>,
  input: unknown,
  extension: string,
): Promise<unknown> {
  const schema = definition.config;
  if (!schema) return undefined;
  const result = await schema['~standard'].validate(input ?? {});
  if (!result.issues) return result.value;
  const issues = result.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new LoaderError(
    'ZRX_EXT_CONFIG_INVALID',
    `Config of extension "${extension}" is invalid: ${issues.join('; ')}.`,
    `Fix these keys in the "${extension}" section of your configuration, or remove them to use the defaults.`,
    { extension },
  );
}

function formatPath(path: StandardSchemaV1.Issue['path']): string {
  if (!path || path.length === 0) return '(root)';
  return path
    .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
    .join('.');
}

function pickDefault(moduleExports: unknown): unknown {
  if (moduleExports !== null && typeof moduleExports === 'object' && 'default' in moduleExports) {
    return (moduleExports as { default: unknown }).default;
  }
  return moduleExports;
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  const standard = (value as Record<string, unknown>)['~standard'];
  return (
    standard !== null &&
    typeof standard === 'object' &&
    typeof (standard as Record<string, unknown>).validate === 'function'
  );
}

function invalid(label: string, problems: string[]): LoaderError {
  return new LoaderError(
    'ZRX_EXT_INVALID_DEFINITION',
    `Extension ${label} has an invalid definition: ${problems.join('; ')}.`,
    'Default-export defineExtension({ name, version, setup? … }) from the entry file and fix the fields listed.',
    { extension: label },
  );
}
