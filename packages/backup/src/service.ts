import { type ExtensionContext, isBotOwner } from '@zoryx/framework';
import { type CaptureSources, captureGuild } from './capture/capture.js';
import type { BackupConfig } from './config.js';
import { BackupError } from './errors.js';
import {
  captureExtensionData,
  captureFramework,
  restoreExtensionData,
  restoreFramework,
} from './local-data.js';
import { diffSnapshots } from './restore/differences.js';
import { type Plan, planRestore } from './restore/plan.js';
import { RestoreJobs } from './restore/restore-job.js';
import { COMPONENTS, type Component, type Snapshot } from './snapshot/schema.js';
import { AuditLog } from './storage/audit-log.js';
import { SnapshotStore, type StoredBackup } from './storage/snapshot-store.js';
import { assertTextLength } from './text-limits.js';
import type { BackupProgress, PlanSummary, RestoreOptions, RestoreSummary } from './types.js';

/** The extension's context as the service uses it. */
export type BackupContext = ExtensionContext<BackupConfig>;

/** Who asked for an operation (audited), `system` for the API and schedules. */
export interface Actor {
  readonly userId: string;
}

/** A planned restore, with what it needs to start. */
export interface PlannedRestore {
  readonly plan: Plan;
  readonly summary: PlanSummary;
  readonly components: Component[];
  readonly budgetProblem: string | undefined;
}

/**
 * Everything the extension does, on its context: capture and store, plan, restore jobs,
 * verification, diffs, the audit log. The public API and the commands are thin layers on it.
 */
export class BackupService {
  public readonly store: SnapshotStore;
  public readonly audit: AuditLog;
  public readonly jobs: RestoreJobs;
  readonly #sources: CaptureSources;
  readonly #progressListeners = new Set<(event: BackupProgress) => void>();
  /** When each guild's last manual backup was made (in memory, as the original's cooldown). */
  readonly #lastManualCreate = new Map<string, number>();

  public constructor(private readonly ctx: BackupContext) {
    this.store = new SnapshotStore(ctx.db.main);
    this.audit = new AuditLog(ctx.db.main);
    this.#sources = {
      client: ctx.client,
      framework: (guildId) => captureFramework(ctx, guildId),
      extensions: (guildId) => captureExtensionData(ctx, guildId),
    };
    this.jobs = new RestoreJobs({
      db: ctx.db.main,
      load: async (guildId, id) => this.store.load(guildId, id),
      captureLive: async (guildId, members) => await this.captureLive(guildId, members),
      botTop: (guildId, live) => this.botTop(guildId, live),
      stepContext: {
        client: ctx.client,
        restoreFramework: (guildId, framework, ids) =>
          restoreFramework(ctx, guildId, framework, ids),
        restoreExtension: (guildId, name, data, ids) =>
          restoreExtensionData(ctx, guildId, name, data, ids),
      },
      progress: (event) => {
        void ctx.hooks.emit('backup_progress', event);
        for (const listener of this.#progressListeners) listener(event);
      },
      recordCreation: async (guildId, kind) => {
        await ctx.db.main
          .insertInto('backup_creations')
          .values({ guild_id: guildId, kind, at: Date.now() })
          .execute();
      },
      logger: ctx.logger,
    });
  }

  /** The extension's validated config. */
  public get config(): BackupConfig {
    return this.ctx.config;
  }

  /** Whether a user is one of the bot's owners (exempt from the create cooldown). */
  public isBotOwner(userId: string): boolean {
    return isBotOwner(this.ctx.client, userId);
  }

  /** Listens to restore progress (the commands' progress message); returns the remover. */
  public onProgress(listener: (event: BackupProgress) => void): () => void {
    this.#progressListeners.add(listener);
    return () => this.#progressListeners.delete(listener);
  }

  #requireGuild(guildId: string): void {
    if (!this.ctx.client.guilds.cache.has(guildId)) {
      throw new BackupError('ZRX_BACKUP_GUILD', `The bot is not in guild ${guildId}.`);
    }
  }

  /** Captures a guild and stores the snapshot (limit, label and audit checked here). */
  public async create(
    guildId: string,
    options: {
      label?: string;
      actor: Actor;
      auto?: boolean;
      members?: boolean;
      /** A manual create from a command: the per-guild cooldown applies (unless exempt). */
      cooldown?: 'apply' | 'exempt';
    },
  ): Promise<StoredBackup> {
    this.#requireGuild(guildId);
    const last = this.#lastManualCreate.get(guildId);
    const wait =
      last === undefined ? 0 : last + this.ctx.config.cooldownSeconds * 1000 - Date.now();
    if (options.cooldown === 'apply' && wait > 0) {
      throw new BackupError(
        'ZRX_BACKUP_COOLDOWN',
        `A backup of this guild was created recently: try again in ${Math.ceil(wait / 1000)} s.`,
      );
    }
    const label =
      options.label ??
      `${options.auto ? 'Auto-backup' : 'Backup'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    assertTextLength('label', label);
    const existing = await this.store.list(guildId);
    if (existing.length >= this.ctx.config.maxPerGuild) {
      throw new BackupError(
        'ZRX_BACKUP_LIMIT',
        `Guild ${guildId} has ${existing.length} backups (the limit is ${this.ctx.config.maxPerGuild}).`,
      );
    }
    const { snapshot, assets } = await captureGuild(this.#sources, guildId, {
      members: options.members ?? this.ctx.config.captureMembers,
    });
    const entry = await this.store.save(snapshot, assets, {
      label,
      authorId: options.actor.userId,
      auto: options.auto === true,
    });
    if (options.cooldown !== undefined) this.#lastManualCreate.set(guildId, Date.now());
    await this.audit.record(guildId, {
      action: 'create',
      userId: options.actor.userId,
      backupId: entry.id,
      detail: `${snapshot.roles.length} roles, ${snapshot.channels.length} channels, ${snapshot.emojis.length} emojis`,
    });
    return entry;
  }

  /**
   * A live capture for comparisons: no emoji or sticker images, no local data, members only when
   * the snapshot compared with has them (a member list is one read per 1,000 members).
   */
  public async captureLive(guildId: string, members = false): Promise<Snapshot> {
    return (
      await captureGuild(this.#sources, guildId, {
        local: false,
        members,
        expressionImages: false,
      })
    ).snapshot;
  }

  /** The position of the bot's highest role in a guild (it edits and places only roles below). */
  public botTop(guildId: string, live: Snapshot): number {
    const me = this.ctx.client.guilds.cache.get(guildId)?.members.me;
    if (me && live.guild.owner_id === me.id) return Number.POSITIVE_INFINITY;
    const mine = new Set(me?.roles.cache.keys() ?? []);
    return Math.max(
      0,
      ...live.roles.filter((role) => mine.has(role.id)).map((role) => role.position),
    );
  }

  /** Roles and channels left in Discord's creation budget of a guild. */
  async #budgetLeft(guildId: string): Promise<{ roles: number; channels: number }> {
    const { budget } = this.ctx.config;
    const since = Date.now() - budget.windowHours * 3_600_000;
    const rows = await this.ctx.db.main
      .selectFrom('backup_creations')
      .select(['kind'])
      .where('guild_id', '=', guildId)
      .where('at', '>', since)
      .execute();
    const used = (kind: string) => rows.filter((row) => row.kind === kind).length;
    return { roles: budget.roles - used('role'), channels: budget.channels - used('channel') };
  }

  /** Plans a restore of backup `id` (of `sourceGuildId`) into `guildId`. */
  public async plan(
    guildId: string,
    id: string,
    options: RestoreOptions = {},
    sourceGuildId = guildId,
  ): Promise<PlannedRestore> {
    this.#requireGuild(guildId);
    const components = parseComponents(options.components);
    const { snapshot } = await this.store.load(sourceGuildId, id);
    const live = await this.captureLive(guildId, snapshot.components.includes('members'));
    const plan = planRestore(snapshot, live, {
      mode: options.mode ?? 'merge',
      components: new Set(components),
      botTopPosition: this.botTop(guildId, live),
    });
    const left = await this.#budgetLeft(guildId);
    const over: string[] = [];
    if (plan.creates.roles > left.roles)
      over.push(`${plan.creates.roles} roles (${left.roles} left)`);
    if (plan.creates.channels > left.channels)
      over.push(`${plan.creates.channels} channels (${left.channels} left)`);
    const budgetProblem =
      over.length > 0
        ? `Discord's creation budget (${this.ctx.config.budget.roles} roles / ${this.ctx.config.budget.channels} channels per ${this.ctx.config.budget.windowHours} h) would be exceeded: ${over.join(', ')}`
        : undefined;
    const cannotRestore = budgetProblem
      ? [budgetProblem, ...plan.cannotRestore]
      : plan.cannotRestore;
    return {
      plan,
      components,
      budgetProblem,
      summary: { steps: plan.steps.length, apiCalls: plan.apiCalls, cannotRestore },
    };
  }

  /** Plans, refuses over budget, then runs the job and verifies. */
  public async restore(
    guildId: string,
    id: string,
    options: RestoreOptions & { actor: Actor },
    sourceGuildId = guildId,
  ): Promise<RestoreSummary> {
    if (this.jobs.wait(guildId) || (await this.jobs.active(guildId))) {
      throw new BackupError('ZRX_BACKUP_BUSY', `A restore is already running in guild ${guildId}.`);
    }
    const planned = await this.plan(guildId, id, options, sourceGuildId);
    if (planned.budgetProblem) {
      throw new BackupError(
        'ZRX_BACKUP_BUDGET',
        `${planned.budgetProblem}. Nothing was changed. Plan: ${planned.summary.steps} steps, ${planned.summary.apiCalls} API calls.`,
      );
    }
    const result = await this.jobs.start({
      guildId,
      sourceGuildId,
      backupId: id,
      mode: options.mode ?? 'merge',
      components: planned.components,
      plan: planned.plan,
    });
    await this.audit.record(guildId, {
      action: 'restore',
      userId: options.actor.userId,
      backupId: id,
      detail: `C:${result.created} U:${result.updated} D:${result.deleted} F:${result.failed} differences:${result.differences.length}`,
    });
    return result;
  }

  /** Re-reads a backup and checks its checksums. */
  public async verify(
    guildId: string,
    id: string,
    actor: Actor,
  ): Promise<{ ok: boolean; problem?: string }> {
    let result: { ok: boolean; problem?: string } = { ok: true };
    try {
      await this.store.load(guildId, id);
    } catch (error) {
      if (
        !(error instanceof BackupError) ||
        !['ZRX_BACKUP_CHECKSUM', 'ZRX_BACKUP_INVALID'].includes(error.code)
      )
        throw error;
      result = { ok: false, problem: error.message };
    }
    await this.audit.record(guildId, {
      action: 'verify',
      userId: actor.userId,
      backupId: id,
      detail: result.ok ? 'ok' : 'FAILED',
    });
    return result;
  }

  /** Differences between backup `id` and another backup or the live guild. */
  public async diff(guildId: string, id: string, other: string) {
    const base = (await this.store.load(guildId, id)).snapshot;
    const against =
      other === 'live'
        ? (
            await captureGuild(this.#sources, guildId, {
              images: false,
              members: base.components.includes('members'),
            })
          ).snapshot
        : (await this.store.load(guildId, other)).snapshot;
    return diffSnapshots(base, against);
  }
}

/** Validates restore components (default: all). */
export function parseComponents(components: readonly string[] | undefined): Component[] {
  if (components === undefined) return [...COMPONENTS];
  const known = new Set<string>(COMPONENTS);
  const unknown = components.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new BackupError(
      'ZRX_BACKUP_INPUT',
      `Unknown components: ${unknown.join(', ')} (known: ${COMPONENTS.join(', ')}).`,
    );
  }
  return COMPONENTS.filter((c) => components.includes(c));
}
