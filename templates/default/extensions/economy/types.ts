// Type declarations of the economy extension: its table, its hook event and its public API, all
// added to `@zoryx/framework` (the one module extensions augment). Other extensions import these
// types only (`import type`), so no code is shared between bundles.

/** What `ctx.extensions.get('economy')` returns. */
export interface EconomyApi {
  /** The currency name from the config (`coins` by default). */
  readonly currency: string;
  /** A member's balance in a guild (0 when they never had any). */
  balanceOf(guildId: string, userId: string): Promise<number>;
  /** Adds `amount` (may be negative) and returns the new balance; emits `balance_changed`. */
  deposit(guildId: string, userId: string, amount: number, reason: string): Promise<number>;
  /** Coins handed out in a guild so far (kept in the extension's store). */
  circulation(guildId: string): Promise<number>;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    economy: EconomyApi;
  }

  interface GuildTables {
    economy_balances: { user_id: string; amount: number };
  }

  interface HookEvents {
    /** A balance changed (deposit or withdrawal). */
    balance_changed: {
      readonly guildId: string;
      readonly userId: string;
      readonly delta: number;
      readonly balance: number;
      readonly reason: string;
    };
  }
}
