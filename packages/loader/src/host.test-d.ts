import { describe, expectTypeOf, it } from 'vitest';
import type { ExtensionHost, ExtensionRegistryView } from './index.js';

interface WeatherApi {
  forecast(city: string): string;
}

declare module './context.js' {
  interface ExtensionApis {
    weather: WeatherApi;
  }
}

declare const host: ExtensionHost;

describe('ExtensionHost API lookup types', () => {
  it('get() is typed by ExtensionApis for known names and unknown otherwise', () => {
    expectTypeOf(host.get('weather')).toEqualTypeOf<WeatherApi | undefined>();
    expectTypeOf(host.get('not-declared')).toBeUnknown();
    const name: string = 'weather';
    expectTypeOf(host.get(name)).toBeUnknown();
  });

  it('require() drops the undefined for known names', () => {
    expectTypeOf(host.require('weather')).toEqualTypeOf<WeatherApi>();
    expectTypeOf(host.require('not-declared')).toBeUnknown();
  });

  it('matches ctx.extensions, so the same name gives the same type inside and outside', () => {
    const view = {} as ExtensionRegistryView;
    expectTypeOf(host.get('weather')).toEqualTypeOf(view.get('weather'));
    expectTypeOf(host.require('weather')).toEqualTypeOf(view.require('weather'));
  });

  it('api() keeps its old, untyped signature', () => {
    expectTypeOf(host.api('weather')).toBeUnknown();
  });
});
