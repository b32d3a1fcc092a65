import { type ResolverCatalogueCode, resolverErrorCatalogue } from './errors';

/**
 * Codes of {@link ResolverError}: the `ZRX_RESOLVE_*` codes of the catalogue, failures of the
 * CLI's input, never of `resolve` itself.
 */
export type ResolverErrorCode = Extract<ResolverCatalogueCode, `ZRX_RESOLVE_${string}`>;

/**
 * Thrown by the `zoryx-resolve` CLI's input reader when a path is missing or a file is not
 * valid JSON. `resolve()` never throws; it reports {@link Problem}s instead.
 */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  /** Stable code, listed in docs/errors.md. */
  readonly code: ResolverErrorCode;
  /** A concrete fix. */
  readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`; pass a more specific one when you can. */
  constructor(code: ResolverErrorCode, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint ?? resolverErrorCatalogue[code].hint;
  }
}
