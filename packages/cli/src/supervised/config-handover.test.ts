import { defaultConfig } from '@zoryx/framework';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigOffer, handoverChannel, takeConfig } from './config-handover.js';

let offer: ConfigOffer | undefined;
afterEach(() => {
  offer?.close();
  offer = undefined;
});

describe('the first worker’s config handover', () => {
  it('hands the worker the config the supervising thread validated', async () => {
    const name = handoverChannel(`test-${Math.random()}`);
    const config = { ...defaultConfig(), prefix: '?', owners: ['123456789012345678'] };
    offer = new ConfigOffer(name, Promise.resolve(config));
    expect(await takeConfig(name)).toEqual(config);
  });

  it('waits for settings still being read', async () => {
    const name = handoverChannel(`test-${Math.random()}`);
    let done!: (value: ReturnType<typeof defaultConfig>) => void;
    offer = new ConfigOffer(name, new Promise((resolve) => (done = resolve)));
    const taken = takeConfig(name);
    done({ ...defaultConfig(), prefix: '$' });
    expect((await taken)?.prefix).toBe('$');
  });

  it('answers null when the settings are invalid: the worker validates (and reports) itself', async () => {
    const name = handoverChannel(`test-${Math.random()}`);
    offer = new ConfigOffer(name, Promise.reject(new Error('ZRX_CONFIG_INVALID')));
    expect(await takeConfig(name)).toBeNull();
  });

  it('gives up with null when nobody offers', async () => {
    expect(await takeConfig(handoverChannel(`test-${Math.random()}`), 50)).toBeNull();
  });
});
