import { describe, expect, it } from 'vitest';
import { dashboardConfigSchema } from '../config.js';
import { assertBindAllowed, isLoopbackHost } from './bind-policy.js';

const config = (input: Record<string, unknown>) => dashboardConfigSchema.parse(input);

describe('bind policy', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.8.0.1', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0.0.0.0', '::', '192.168.1.4', 'example.com'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('binds to 127.0.0.1 by default', () => {
    expect(config({}).host).toBe('127.0.0.1');
    expect(() => assertBindAllowed(config({}))).not.toThrow();
  });

  it('refuses other interfaces over plain http, also behind a proxy with an http origin', () => {
    expect(() => assertBindAllowed(config({ host: '0.0.0.0' }))).toThrow(
      expect.objectContaining({ code: 'ZRX_DASHBOARD_BIND_REFUSED' }),
    );
    expect(() =>
      assertBindAllowed(
        config({ host: '0.0.0.0', trustProxy: true, publicOrigin: 'http://dash.example' }),
      ),
    ).toThrow(expect.objectContaining({ code: 'ZRX_DASHBOARD_BIND_REFUSED' }));
  });

  it('allows other interfaces with TLS, or trustProxy and an https origin', () => {
    expect(() =>
      assertBindAllowed(config({ host: '0.0.0.0', tls: { cert: 'c.pem', key: 'k.pem' } })),
    ).not.toThrow();
    expect(() =>
      assertBindAllowed(
        config({ host: '0.0.0.0', trustProxy: true, publicOrigin: 'https://dash.example' }),
      ),
    ).not.toThrow();
  });

  it('applies the same rules to the probe port, which binds to 127.0.0.1 by default', () => {
    expect(config({ probes: { port: 0 } }).probes?.host).toBe('127.0.0.1');
    expect(() => assertBindAllowed(config({ probes: { port: 0 } }))).not.toThrow();
    expect(() => assertBindAllowed(config({ probes: { host: '0.0.0.0', port: 0 } }))).toThrow(
      expect.objectContaining({
        code: 'ZRX_DASHBOARD_BIND_REFUSED',
        message: expect.stringContaining('probe port'),
      }),
    );
    expect(() =>
      assertBindAllowed(
        config({ probes: { host: '0.0.0.0', port: 0 }, tls: { cert: 'c.pem', key: 'k.pem' } }),
      ),
    ).not.toThrow();
  });
});
