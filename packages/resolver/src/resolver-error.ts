/** Codes of {@link ResolverError}: failures of the CLI's input, never of `resolve` itself. */
export type ResolverErrorCode = 'ZRX_RESOLVE_INPUT' | 'ZRX_RESOLVE_USAGE';

/**
 * Thrown by the `zoryx-resolve` CLI's input reader when a path is missing or a file is not
 * valid JSON. `resolve()` never throws; it reports {@link Problem}s instead.
 */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  /** Stable code, listed in `docs/errors/resolver.md`. */
  readonly code: ResolverErrorCode;
  /** A concrete fix. */
  readonly hint: string;

  constructor(code: ResolverErrorCode, message: string, hint: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}
