/** Env variable names whose values are treated as secrets. */
const SECRET_NAME = /TOKEN|SECRET|KEY|PASSWORD|PASSWD|CREDENTIAL|DATABASE_URL|REDIS_URL|DSN/i;
/** Shapes of secrets that may show up in text even when no variable holds them. */
const SECRET_SHAPES = [
  // A Discord bot token: base64 user id . timestamp . HMAC.
  /[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g,
  // OpenAI-style and other prefixed API keys.
  /\b(?:sk|rk|pk)-[A-Za-z0-9_-]{16,}\b/g,
];
/** Values shorter than this are not treated as secrets (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;
const REDACTED = '[redacted]';

function escapeForJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/**
 * Removes secrets from text bound for the AI provider: the bot token, the provider key, every env
 * value whose name looks secret, and anything shaped like a token or API key. Applied to the
 * serialized request body, so no path (question, tool output, error message) can leak one.
 */
export class SecretScrubber {
  readonly #secrets: () => readonly (string | null | undefined)[];

  /** `secrets` is read at each scrub, so a token set after start is covered too. */
  public constructor(secrets: () => readonly (string | null | undefined)[]) {
    this.#secrets = secrets;
  }

  /** The known secret values now (longest first, so overlapping ones redact whole). */
  values(): string[] {
    const fromEnv = Object.entries(process.env)
      .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined)
      .map(([, value]) => value ?? '');
    return [...new Set([...this.#secrets(), ...fromEnv])]
      .filter(
        (value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH,
      )
      .sort((a, b) => b.length - a.length);
  }

  /** `text` with every secret (raw or JSON-escaped) replaced by `[redacted]`. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.values()) {
      out = out.split(secret).join(REDACTED);
      const escaped = escapeForJson(secret);
      if (escaped !== secret) out = out.split(escaped).join(REDACTED);
    }
    for (const shape of SECRET_SHAPES) out = out.replace(shape, REDACTED);
    // The password of a URL with credentials (postgres://user:password@host/db).
    return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/"]+:)[^\s@/"]+@/gi, `$1${REDACTED}@`);
  }
}
