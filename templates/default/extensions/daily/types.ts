// Type declarations of the daily extension, added to `@zoryx/framework` (the one module
// extensions augment). The economy types come in as a type-only import: erased from the bundle.
import type {} from '../economy/types.js';

/** The outcome of a claim. */
export type ClaimResult =
  | {
      readonly ok: true;
      readonly amount: number;
      readonly streak: number;
      readonly balance: number;
    }
  | { readonly ok: false; readonly nextClaimAt: number };

/** What `ctx.extensions.get('daily')` returns. */
export interface DailyApi {
  /**
   * Claims the daily reward for a member at time `now` (ms). Concurrent claims of one member
   * (a `/daily` and a `!daily` sent together) pay once: the claim is a single conditional write.
   */
  claim(guildId: string, userId: string, now?: number): Promise<ClaimResult>;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    daily: DailyApi;
  }

  interface GuildTables {
    daily_claims: { user_id: string; last_claim_at: number; streak: number };
  }

  interface HookEvents {
    /** A member claimed their daily reward. */
    daily_claimed: {
      readonly guildId: string;
      readonly userId: string;
      readonly amount: number;
      readonly streak: number;
    };
  }
}
