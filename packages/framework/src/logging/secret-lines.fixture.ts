import type { Logger } from 'pino';
import { PinoSapphireLogger } from './sapphire-logger.js';

/** Secret values the log lines below carry under secret-named keys (never configured as secrets). */
export const KEYED_SECRETS = {
  password: 'hunter2-password-value',
  clientSecret: 'client-secret-value-xyz',
  apiKey: 'api-key-value-123456',
  cookie: 'session-cookie-value-abc',
  bearer: 'unknownBearerCredential0123456789',
};

/** A text that must survive redaction, to prove the lines were written at all. */
export const VISIBLE = 'visible-marker-42';

/**
 * Logs every way the bot token and other secrets were seen (or could plausibly) reach a log:
 * errors carrying it in `config.headers.Authorization` / `request.token`, in a message and so
 * in the stack, in a cause chain, printf arguments, child bindings, nested and oddly-cased
 * keys, and through the Sapphire bridge. Shared by the in-process and the child-process tests.
 */
export function logSecretShapes(logger: Logger, token: string): void {
  const s = KEYED_SECRETS;
  const httpError = Object.assign(new Error('request failed'), {
    config: { url: '/gateway/bot', headers: { Authorization: `Bot ${token}` } },
    request: { token, method: 'GET' },
  });
  logger.error({ err: httpError }, 'gateway login failed');
  logger.error(httpError);
  logger.warn({ err: new Error(`invalid token ${token}`) }, 'the message carries it');
  logger.error({ err: new Error('outer', { cause: new Error(`inner Bot ${token}`) }) }, 'cause');
  logger.error({ err: new Error('outer', { cause: { password: s.password } }) }, 'object cause');
  logger.info(
    {
      Authorization: `Bot ${token}`,
      DISCORD_TOKEN: token,
      nested: {
        deeper: {
          Client_Secret: s.clientSecret,
          'x-api-key': s.apiKey,
          list: [{ Cookie: s.cookie }],
        },
      },
    },
    'fields',
  );
  logger.info('printf %s, %j and %o', token, { token }, { password: s.password });
  logger.child({ token, auth: { password: s.password } }).info('child bindings');
  logger.info(`plain message with Bot ${token}`);
  logger.info({ header: `Bearer ${s.bearer}` }, 'an unknown bearer credential');
  const bridge = new PinoSapphireLogger(logger);
  bridge.info('sapphire says', { token, apiKey: s.apiKey }, `and ${token}`);
  bridge.error(new Error(`sapphire error ${token}`));
  logger.info({ ok: VISIBLE }, 'a normal line');
}
