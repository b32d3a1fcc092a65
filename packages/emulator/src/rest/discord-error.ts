/** Discord's nested validation errors: `{ field: { _errors: [{ code, message }] } }`. */
export interface ValidationErrors {
  [key: string]: ValidationErrors | { code: string; message: string }[];
}

/**
 * An error answered over HTTP in Discord's shape `{ code, message, errors? }` with Discord's
 * status, so discord.js raises its own `DiscordAPIError` exactly as against Discord.
 */
export class DiscordApiError extends Error {
  /** The HTTP status (400, 403, 404…). */
  public readonly status: number;
  /** Discord's JSON error code (50035, 10003…). */
  public readonly code: number;
  /** Nested field errors, for 50035 Invalid Form Body. */
  public readonly errors: ValidationErrors | undefined;

  /** Creates the error answered as `{ code, message, errors? }` with `status`. */
  public constructor(status: number, code: number, message: string, errors?: ValidationErrors) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }

  /** The JSON body Discord sends. */
  public toJSON(): { code: number; message: string; errors?: ValidationErrors } {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }
}

const UNKNOWN = {
  account: [10001, 'Unknown Account'],
  application: [10002, 'Unknown Application'],
  channel: [10003, 'Unknown Channel'],
  guild: [10004, 'Unknown Guild'],
  member: [10007, 'Unknown Member'],
  message: [10008, 'Unknown Message'],
  overwrite: [10009, 'Unknown Overwrite'],
  role: [10011, 'Unknown Role'],
  token: [10012, 'Unknown Token'],
  user: [10013, 'Unknown User'],
  emoji: [10014, 'Unknown Emoji'],
  webhook: [10015, 'Unknown Webhook'],
  ban: [10026, 'Unknown Ban'],
  interaction: [10062, 'Unknown interaction'],
  command: [10063, 'Unknown application command'],
} as const;

/** `404 Unknown <entity>` with Discord's code (10003 Unknown Channel, 10008 Unknown Message…). */
export function unknown(entity: keyof typeof UNKNOWN): DiscordApiError {
  const [code, message] = UNKNOWN[entity];
  return new DiscordApiError(404, code, message);
}

/** `403 Missing Permissions` (50013). */
export function missingPermissions(): DiscordApiError {
  return new DiscordApiError(403, 50013, 'Missing Permissions');
}

/** `403 Missing Access` (50001): the bot cannot see the channel or guild at all. */
export function missingAccess(): DiscordApiError {
  return new DiscordApiError(403, 50001, 'Missing Access');
}

/** `400 Invalid Form Body` (50035) with Discord's nested `errors`. */
export function invalidFormBody(errors: ValidationErrors): DiscordApiError {
  return new DiscordApiError(400, 50035, 'Invalid Form Body', errors);
}

/** Any other 4xx with a Discord code. */
export function badRequest(code: number, message: string, status = 400): DiscordApiError {
  return new DiscordApiError(status, code, message);
}
