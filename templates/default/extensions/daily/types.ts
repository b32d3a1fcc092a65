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
  /** Claims the daily reward for a member at time `now` (ms). */
  claim(guildId: string, userId: string, now?: number): Promise<ClaimResult>;
}

declare module '@zoryx/loader' {
  interface ExtensionApis {
    daily: DailyApi;
  }
}

declare module '@zoryx/db' {
  interface GuildTables {
    daily_claims: { user_id: string; last_claim_at: number; streak: number };
  }
}

declare module '@zoryx/hooks' {
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
