import { label } from './messages';
import type { Problem } from './problem';
import { ProblemCode } from './problem';
import { createProblem } from './problem-factory';
import type { ManifestValidation, ValidManifest } from './validate-manifest';

/** The manifest chosen for one name, with what was said about the others. */
export interface PickedManifest {
  readonly manifest: ValidManifest | undefined;
  readonly problems: Problem[];
  /** The name will not load at all (no valid manifest, or the name is already loaded). */
  readonly refused: boolean;
}

/**
 * Chooses among every manifest that carries `name`: the highest valid version wins (ties are
 * broken by content so that input order never matters); a name that is already running
 * refuses every newcomer.
 */
export function pickManifest(
  name: string,
  candidates: readonly ManifestValidation[],
  running: ValidManifest | undefined,
): PickedManifest {
  if (candidates.length === 1) {
    const only = candidates[0]!;
    if (running === undefined) {
      return {
        manifest: only.manifest,
        problems: only.problems,
        refused: only.manifest === undefined,
      };
    }
  }
  const valid: ValidManifest[] = [];
  let invalidCount = 0;
  for (const candidate of candidates) {
    if (candidate.manifest === undefined) invalidCount++;
    else valid.push(candidate.manifest);
  }
  valid.sort(byVersionDescending);
  const best = valid[0];
  const problems: Problem[] = [];

  if (running !== undefined) {
    for (const candidate of candidates) problems.push(...candidate.problems);
    const newcomer = best === undefined ? `another manifest of ${name}` : label(best);
    problems.push(
      createProblem(
        ProblemCode.Duplicate,
        'error',
        name,
        `Because ${label(running)} is already loaded, ${newcomer} cannot load beside it.`,
        `To replace it, unload ${name} first (or reload it); otherwise remove the new copy.`,
      ),
    );
    return { manifest: best, problems, refused: true };
  }
  if (best === undefined) {
    for (const candidate of candidates) problems.push(...candidate.problems);
    return { manifest: undefined, problems, refused: true };
  }
  // The kept manifest's own warnings stay; the ignored copies' problems become warnings.
  for (const candidate of candidates) {
    if (candidate.manifest === best) {
      problems.push(...candidate.problems);
      continue;
    }
    for (const problem of candidate.problems) {
      problems.push(problem.severity === 'warning' ? problem : { ...problem, severity: 'warning' });
    }
  }
  const others = valid.slice(1).map((manifest) => manifest.versionText);
  if (invalidCount > 0) others.push(`${invalidCount} invalid`);
  problems.push(
    createProblem(
      ProblemCode.Duplicate,
      'warning',
      name,
      `${candidates.length} manifests are named ${name} (${[best.versionText, ...others].join(', ')}); ${label(best)} is used and the others are ignored.`,
      `Remove the other copies of ${name} (${others.join(', ')}) so that one manifest declares it.`,
    ),
  );
  return { manifest: best, problems, refused: false };
}

function byVersionDescending(a: ValidManifest, b: ValidManifest): number {
  const byVersion = b.version.compare(a.version);
  if (byVersion !== 0) return byVersion;
  const left = canonicalJson(a.raw);
  const right = canonicalJson(b.raw);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * JSON with object keys sorted, so equal content gives equal text whatever the key order.
 * Objects already on the path print as `"[circular]"`, so a self-referencing manifest cannot
 * recurse forever.
 */
function canonicalJson(value: unknown, path: Set<object> = new Set()): string {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? 'null');
  }
  if (path.has(value)) return '"[circular]"';
  path.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map((item) => canonicalJson(item, path)).join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    text = `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key], path)}`).join(',')}}`;
  }
  path.delete(value);
  return text;
}
