/** Reads process CPU time (µs) and a monotonic clock (ms); injectable for tests. */
export interface CpuSources {
  cpuUsage(): NodeJS.CpuUsage;
  now(): number;
}

const nodeSources: CpuSources = {
  cpuUsage: () => process.cpuUsage(),
  now: () => performance.now(),
};

/**
 * CPU use of this process in percent of one core, between two calls of {@link percent} (the first
 * call measures from construction). Node has no "CPU percent now"; a delta is the honest value.
 */
export class CpuSampler {
  readonly #sources: CpuSources;
  #lastUsage: NodeJS.CpuUsage;
  #lastAt: number;

  constructor(sources: CpuSources = nodeSources) {
    this.#sources = sources;
    this.#lastUsage = sources.cpuUsage();
    this.#lastAt = sources.now();
  }

  /** CPU percent since the previous call (one decimal; 0 when no time passed). */
  percent(): number {
    const usage = this.#sources.cpuUsage();
    const at = this.#sources.now();
    const cpuMs =
      (usage.user - this.#lastUsage.user + usage.system - this.#lastUsage.system) / 1000;
    const wallMs = at - this.#lastAt;
    this.#lastUsage = usage;
    this.#lastAt = at;
    if (wallMs <= 0) return 0;
    return Math.round((cpuMs / wallMs) * 1000) / 10;
  }
}
