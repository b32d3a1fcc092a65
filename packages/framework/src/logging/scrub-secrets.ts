import { REDACTED } from './redact.js';

/**
 * Secrets shorter than this are not scrubbed by value: replacing every "abc" in every line would
 * wreck the log and protect nothing (a real token or password is far longer).
 */
const MIN_SECRET_LENGTH = 8;

/**
 * Credentials in a header-like form, whatever the secret: `Bot <token>`, `Bearer <token>`,
 * `Basic <base64>` (also URL-encoded, `Bot%20…`). 20+ token characters, so prose such as
 * "Bot ready" is left alone.
 */
const SCHEME_CREDENTIAL = /\b(Bot|Bearer|Basic)( |%20|\+)[A-Za-z0-9._~+/=-]{20,}/g;

/** Shortest first and last segment of a token-shaped string (Discord tokens: 24+ and 27+). */
const TOKEN_EDGE = 20;
/** Shortest middle segment (a Discord token's timestamp has 6 characters). */
const TOKEN_MIDDLE = 4;

/** A function that removes secrets from one serialised log line. */
export type SecretScrubber = (line: string) => string;

/**
 * Builds the last line of defence, run on every serialised log line (message, stack traces,
 * every field) before it reaches any transport: each configured secret value is replaced by
 * `[redacted]` wherever it appears, raw or JSON-escaped, and so are `Bot <token>`-style
 * credentials and Discord-token-shaped strings even when nobody configured them.
 *
 * Cost per line: one `includes` per secret and one linear regex scan per pattern; a line that
 * holds nothing is returned unchanged (no allocation).
 *
 * @example
 * ```ts
 * const scrub = createSecretScrubber([process.env.DISCORD_TOKEN]);
 * scrub(`login failed with ${process.env.DISCORD_TOKEN}`); // "login failed with [redacted]"
 * ```
 */
export function createSecretScrubber(secrets: readonly (string | undefined)[]): SecretScrubber {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue;
    const value = secret.trim();
    if (value.length < MIN_SECRET_LENGTH) continue;
    needles.add(value);
    needles.add(JSON.stringify(value).slice(1, -1)); // as it appears inside a JSON string
    needles.add(encodeURIComponent(value)); // as it appears in a logged URL
  }
  // Longest first, so a secret containing another is replaced whole.
  const literal = [...needles].sort((a, b) => b.length - a.length);
  return (line) => {
    let out = line;
    for (const needle of literal) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    SCHEME_CREDENTIAL.lastIndex = 0;
    if (SCHEME_CREDENTIAL.test(out)) out = out.replace(SCHEME_CREDENTIAL, `$1$2${REDACTED}`);
    return redactTokenShapes(out);
  };
}

function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95
  );
}

/**
 * Replaces strings shaped like a Discord bot token or a JWT — three base64url segments joined
 * by dots, the outer ones 20+ characters long — with `[redacted]`. A hand-written scan from dot
 * to dot instead of a regex: the regex took ~1.5 µs on a typical line (snowflake ids are long
 * digit runs it has to try), this takes tens of nanoseconds and stays linear.
 */
export function redactTokenShapes(line: string): string {
  let parts: string[] | undefined;
  let copied = 0;
  let dot = line.indexOf('.');
  while (dot !== -1) {
    const next = line.indexOf('.', dot + 1);
    if (next === -1) break;
    let middle = next - dot - 1 >= TOKEN_MIDDLE;
    for (let i = dot + 1; middle && i < next; i++) middle = isTokenChar(line.charCodeAt(i));
    if (middle) {
      let start = dot;
      while (start > copied && isTokenChar(line.charCodeAt(start - 1))) start--;
      let end = next + 1;
      while (end < line.length && isTokenChar(line.charCodeAt(end))) end++;
      if (dot - start >= TOKEN_EDGE && end - next - 1 >= TOKEN_EDGE) {
        parts ??= [];
        parts.push(line.slice(copied, start), REDACTED);
        copied = end;
        dot = line.indexOf('.', end);
        continue;
      }
    }
    dot = next;
  }
  if (parts === undefined) return line;
  parts.push(line.slice(copied));
  return parts.join('');
}
