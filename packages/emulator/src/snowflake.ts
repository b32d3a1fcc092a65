/** Discord's epoch (2015-01-01T00:00:00.000Z), the zero point of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000;

/**
 * Generates Discord-shaped snowflake ids that sort by creation time, so discord.js' timestamp
 * getters (`createdAt`) and ordering by id behave as they do against Discord.
 */
export class SnowflakeGenerator {
  #lastTimestamp = 0;
  #increment = 0;

  /** Returns a new, unique, strictly increasing snowflake id as a decimal string. */
  public next(): string {
    let timestamp = Math.max(Date.now() - DISCORD_EPOCH, this.#lastTimestamp);
    if (timestamp === this.#lastTimestamp) {
      this.#increment += 1;
      // 4,096 ids per millisecond is Discord's limit too; borrow the next millisecond beyond it.
      if (this.#increment > 0xfff) {
        timestamp += 1;
        this.#increment = 0;
      }
    } else {
      this.#increment = 0;
    }
    this.#lastTimestamp = timestamp;
    // Worker 1, process 0: fixed, since one emulator is one "process" of Discord.
    return ((BigInt(timestamp) << 22n) | (1n << 17n) | BigInt(this.#increment)).toString();
  }
}
