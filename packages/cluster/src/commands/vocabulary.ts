// What the `cluster` extension adds to the module extensions augment: its API and its table in
// the bot's main database (the alert settings, shared by every worker of a cluster on PostgreSQL).
import type { ClusterApi } from './runtime.js';

/** `cluster_alerts`: one row (`id = 'bot'`): where shard alerts go, and when the last one went. */
export interface ClusterAlertsTable {
  id: string;
  channel_id: string | null;
  enabled: number;
  /** Epoch ms of the last alert posted (the 300 s damping is claimed against it). */
  last_alert_at: number | null;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    cluster: ClusterApi;
  }
  interface MainTables {
    cluster_alerts: ClusterAlertsTable;
  }
}
