/** The reply of `/ping` and `!ping`: the round trip, and the gateway heartbeat once measured. */
export function pongText(roundTripMs: number, gatewayPingMs: number): string {
  const gateway = gatewayPingMs >= 0 ? ` (gateway ${Math.round(gatewayPingMs)} ms)` : '';
  return `Pong! ${Math.max(0, Math.round(roundTripMs))} ms${gateway}`;
}
