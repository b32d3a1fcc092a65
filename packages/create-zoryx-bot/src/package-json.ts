import { CreateError } from './create-error';

/** Fields that only make sense inside the Zoryx monorepo (or for a published package). */
export const MONOREPO_ONLY_FIELDS = [
  'repository',
  'bugs',
  'homepage',
  'publishConfig',
  'workspaces',
  'packageManager',
  'files',
  'author',
  'contributors',
] as const;

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * Turns a `workspace:` range into what pnpm would publish: `workspace:^` → `^1.2.3`,
 * `workspace:~` → `~1.2.3`, `workspace:*` → `1.2.3`, `workspace:^1.0.0` → `^1.0.0`.
 */
export function publishedRange(range: string, version: string): string {
  const spec = range.slice('workspace:'.length);
  if (spec === '^' || spec === '~') return `${spec}${version}`;
  if (spec === '*' || spec === '') return version;
  return spec;
}

/**
 * The project's package.json from the template's: `name` set, `version` 0.1.0, `private`,
 * monorepo-only fields dropped and `workspace:` ranges replaced by published ones.
 * @throws {CreateError} `ZRX_CREATE_TEMPLATE_INVALID` for a `workspace:` dependency whose
 *   version was not recorded at build time.
 */
export function projectPackageJson(
  template: Readonly<Record<string, unknown>>,
  name: string,
  versions: ReadonlyMap<string, string>,
  templateName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { name, version: '0.1.0', private: true };
  for (const [key, value] of Object.entries(template)) {
    if (key in out || (MONOREPO_ONLY_FIELDS as readonly string[]).includes(key)) continue;
    if ((DEPENDENCY_FIELDS as readonly string[]).includes(key) && typeof value === 'object') {
      out[key] = rewriteDependencies(value as Record<string, unknown>, versions, templateName);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function rewriteDependencies(
  deps: Record<string, unknown>,
  versions: ReadonlyMap<string, string>,
  templateName: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [dep, range] of Object.entries(deps)) {
    if (typeof range !== 'string' || !range.startsWith('workspace:')) {
      out[dep] = range;
      continue;
    }
    const version = versions.get(dep);
    if (version === undefined) {
      throw new CreateError(
        'ZRX_CREATE_TEMPLATE_INVALID',
        `Template "${templateName}" depends on ${dep}@${range}, but no published version of ${dep} was recorded when create-zoryx-bot was built.`,
        'Reinstall create-zoryx-bot; if you maintain it, make the dependency a published package of the monorepo and rebuild.',
      );
    }
    out[dep] = publishedRange(range, version);
  }
  return out;
}
