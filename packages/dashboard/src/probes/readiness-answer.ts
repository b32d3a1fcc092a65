import type { CheckResult } from './health.js';

/** What `/readyz` was asked: `?verbose` and `?exclude=<check>[,<check>]` (repeatable). */
export interface ReadinessQuery {
  readonly verbose: boolean;
  readonly exclude: readonly string[];
}

/** Reads {@link ReadinessQuery} from a query string's parameters. */
export function readinessQuery(params: URLSearchParams): ReadinessQuery {
  return {
    verbose: params.has('verbose'),
    exclude: params
      .getAll('exclude')
      .flatMap((e) => e.split(','))
      .map((e) => e.trim())
      .filter(Boolean),
  };
}

/**
 * `/readyz`'s answer in Kubernetes' format (`[+]name ok: detail` lines with `?verbose`), from
 * the checks' results: 503 while draining or when a critical check that is not excluded fails.
 * One function for the dashboard's port and the probe port, so both answer alike.
 */
export function readinessAnswer(
  all: readonly CheckResult[],
  draining: boolean,
  query: ReadinessQuery,
): { code: 200 | 503; text: string } {
  const excluded = new Set(query.exclude);
  const checks = all.filter((c) => !excluded.has(c.name));
  const failing = checks.filter((c) => c.critical && c.status === 'fail');
  const ok = !draining && failing.length === 0;
  const lines = [
    ...(draining ? ['[-]shutdown failed: draining'] : []),
    ...checks.map(
      (c) =>
        `[${c.status === 'fail' ? '-' : '+'}]${c.name} ${c.status === 'fail' ? 'failed' : 'ok'}: ${c.detail}`,
    ),
    ...[...excluded].map((name) => `[+]${name} excluded: ok`),
    ok ? 'readyz check passed' : 'readyz check failed',
  ];
  return {
    code: ok ? 200 : 503,
    text: query.verbose ? lines.join('\n') : ok ? 'ok' : 'not ready',
  };
}
