/** Settings of the diagnostics extension (`extensions.config.diagnostics` in config.json). */
export interface DiagnosticsConfig {
  /** Average event-loop lag (ms) above which the check alerts. Default 500. */
  readonly lagThresholdMs: number;
  /** Seconds between event-loop lag readings (10 are averaged). Default 5. */
  readonly lagSampleSeconds: number;
  /** Minutes between background health checks. Default 5. */
  readonly checkIntervalMinutes: number;
}

/** The defaults of {@link DiagnosticsConfig}. */
export const defaultDiagnosticsConfig: DiagnosticsConfig = {
  lagThresholdMs: 500,
  lagSampleSeconds: 5,
  checkIntervalMinutes: 5,
};

type Issue = { readonly message: string; readonly path: readonly PropertyKey[] };
type Result =
  | { readonly value: DiagnosticsConfig; readonly issues?: undefined }
  | { readonly issues: readonly Issue[] };

const LIMITS: Record<keyof DiagnosticsConfig, readonly [min: number, max: number]> = {
  lagThresholdMs: [1, 600_000],
  lagSampleSeconds: [1, 3600],
  checkIntervalMinutes: [1, 1440],
};

/** Validates raw config input (`undefined` or an object of the three numbers, each optional). */
export function validateDiagnosticsConfig(input: unknown): Result {
  if (input === undefined || input === null) return { value: defaultDiagnosticsConfig };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { issues: [{ message: 'must be an object', path: [] }] };
  }
  const raw = input as Record<string, unknown>;
  const issues: Issue[] = [];
  const out: Record<string, number> = { ...defaultDiagnosticsConfig };
  for (const key of Object.keys(raw)) {
    if (!(key in LIMITS))
      issues.push({
        message: `unknown key (allowed: ${Object.keys(LIMITS).join(', ')})`,
        path: [key],
      });
  }
  for (const [key, [min, max]] of Object.entries(LIMITS)) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      issues.push({ message: `must be a number from ${min} to ${max}`, path: [key] });
    } else out[key] = value;
  }
  return issues.length > 0 ? { issues } : { value: out as unknown as DiagnosticsConfig };
}

/**
 * The extension's config schema in the Standard Schema shape the loader validates with (a
 * three-number schema does not justify a schema library dependency in this package).
 */
export const diagnosticsConfigSchema = {
  '~standard': {
    version: 1,
    vendor: 'zoryx',
    validate: validateDiagnosticsConfig,
    types: undefined as unknown as { input: unknown; output: DiagnosticsConfig },
  },
} as const;
