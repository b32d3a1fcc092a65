import type { DashboardContext } from '../context.js';

type HookBus = DashboardContext['client']['hooks'];

/**
 * How often the set is rebuilt from the bus itself: drops hooks released while open (an
 * unloaded extension's) and anything an alert could not tell. Once a minute costs one
 * `hooks()` walk a minute instead of one a second.
 */
const RESEED_MS = 60_000;

/**
 * The hooks whose breaker is not closed, kept from the bus's `breaker_opened` /
 * `breaker_closed` alerts. The readiness checks used to call `hooks()` every second to count
 * them; that call builds every hook's metrics view and sorts its last 256 durations — a few
 * milliseconds on the bot's event loop with 50 extensions, measured in the bench's CPU profile
 * as the dashboard's largest block. A half-open breaker counts until it closes.
 */
class OpenBreakers {
  readonly #open = new Set<string>();
  readonly #bus: HookBus;
  #seededAt = Number.NEGATIVE_INFINITY;

  public constructor(bus: HookBus) {
    this.#bus = bus;
    bus.onAlert((alert) => {
      if (alert.type === 'breaker_opened') this.#open.add(alert.hookId);
      else if (alert.type === 'breaker_closed') this.#open.delete(alert.hookId);
    });
  }

  /** Hooks whose breaker is open or half-open. */
  public count(now = Date.now()): number {
    if (now - this.#seededAt >= RESEED_MS) {
      this.#seededAt = now;
      this.#open.clear();
      for (const h of this.#bus.hooks()) if (h.breaker !== 'closed') this.#open.add(h.id);
    }
    return this.#open.size;
  }
}

// One per bus, for the bus's lifetime: a reloaded dashboard reuses it (one alert listener, not
// one per reload).
const trackers = new WeakMap<HookBus, OpenBreakers>();

/** How many hooks of `bus` have a breaker that is not closed (see {@link OpenBreakers}). */
export function openBreakerCount(bus: HookBus, now = Date.now()): number {
  let tracker = trackers.get(bus);
  if (!tracker) {
    tracker = new OpenBreakers(bus);
    trackers.set(bus, tracker);
  }
  return tracker.count(now);
}
