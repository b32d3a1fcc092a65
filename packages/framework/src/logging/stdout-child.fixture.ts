// Run as a child process by create-logger.test.ts (bundled by tsup): logs every secret shape to
// the real stdout. argv: <json|pretty|env> <token>. `env` passes the token only through
// DISCORD_TOKEN, which createLogger scrubs by default.
import { defaultConfig } from '../config/schema.js';
import { createLogger } from './create-logger.js';
import { logSecretShapes } from './secret-lines.fixture.js';

const [mode = 'json', token = ''] = process.argv.slice(2);
const { logger, close } = createLogger({
  logging: {
    ...defaultConfig().logging,
    level: 'trace',
    file: false,
    pretty: mode === 'pretty' ? 'always' : 'never',
  },
  console: 1,
  dev: false,
  secrets: mode === 'env' ? [] : [token],
});
logSecretShapes(logger, token);
await close();
