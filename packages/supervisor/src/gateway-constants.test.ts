import { GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { DispatchEvents, Opcodes } from './gateway-constants.js';

describe('the gateway constants', () => {
  it('are the values discord-api-types defines', () => {
    for (const [name, value] of Object.entries(DispatchEvents)) {
      expect(value, name).toBe(GatewayDispatchEvents[name as keyof typeof GatewayDispatchEvents]);
    }
    for (const [name, value] of Object.entries(Opcodes)) {
      expect(value, name).toBe(GatewayOpcodes[name as keyof typeof GatewayOpcodes]);
    }
    expect(Object.keys(DispatchEvents).length).toBeGreaterThan(30);
  });
});
