import { describe, expect, it } from 'vitest';
import { defaultConfig } from './defaults.js';
import { configSchema } from './schema.js';

describe('defaultConfig', () => {
  it('is what the schema makes of an empty config.json', () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
  });

  it('is the schema’s own output (valid, nothing added or dropped)', () => {
    expect(configSchema.parse(defaultConfig())).toEqual(defaultConfig());
  });

  it('returns a new object every time', () => {
    const first = defaultConfig();
    first.owners.push('123456789012345678');
    first.logging.level = 'silent';
    expect(defaultConfig().owners).toEqual([]);
    expect(defaultConfig().logging.level).toBe('info');
  });
});
