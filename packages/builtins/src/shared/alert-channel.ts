import type { AtomicStore } from '@zoryx/store';
import type { Client, EmbedBuilder } from 'discord.js';

/** Store file of an extension's alert settings (in its own `data/extensions/<name>/` store). */
export const ALERT_SETTINGS_PATH = 'settings.json';

interface AlertSettings {
  alertChannelId?: string | null;
}

/**
 * The channel an extension posts its alerts to, persisted in the extension's own store so it
 * survives restarts (`data/extensions/<name>/settings.json`). Used by the registry, hooks and
 * diagnostics built-ins.
 */
export class AlertChannel {
  #cached: string | null | undefined;

  constructor(private readonly store: Pick<AtomicStore, 'readJson' | 'update'>) {}

  /** The channel id, or `null` when alerts only go to the log. */
  async get(): Promise<string | null> {
    if (this.#cached === undefined) {
      const settings = await this.store.readJson<AlertSettings>(ALERT_SETTINGS_PATH);
      this.#cached = settings?.alertChannelId ?? null;
    }
    return this.#cached;
  }

  /** Sets (or with `null` clears) the channel. */
  async set(channelId: string | null): Promise<void> {
    await this.store.update<AlertSettings>(ALERT_SETTINGS_PATH, (settings = {}) => ({
      ...settings,
      alertChannelId: channelId,
    }));
    this.#cached = channelId;
  }

  /**
   * Posts `embed` to the channel. Resolves with false when none is set or the channel cannot be
   * reached (deleted, no access): alerting must never throw into the code that raised the alert.
   */
  async post(client: Client, embed: EmbedBuilder): Promise<boolean> {
    const id = await this.get();
    if (id === null) return false;
    try {
      const channel = await client.channels.fetch(id);
      if (!channel?.isSendable()) return false;
      await channel.send({ embeds: [embed], allowedMentions: { parse: [] } });
      return true;
    } catch {
      return false;
    }
  }
}
