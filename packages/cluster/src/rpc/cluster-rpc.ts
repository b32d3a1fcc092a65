import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ClusterError, type ClusterErrorCode } from '../errors.js';
import { type MemberInfo, Membership } from './membership.js';

/**
 * A named remote procedure: its payload and result schemas are checked on both ends, so a
 * handler only ever sees a valid payload and a caller only a valid result. There is no eval: a
 * process runs only handlers it registered under a name.
 */
export interface RpcDefinition<I extends z.ZodType, O extends z.ZodType> {
  readonly name: string;
  readonly input: I;
  readonly output: O;
}

/** Declares an RPC; share the definition between the caller and the handlers. */
export function defineRpc<I extends z.ZodType, O extends z.ZodType>(
  name: string,
  input: I,
  output: O,
): RpcDefinition<I, O> {
  if (!/^[a-z][\w.:-]{0,99}$/.test(name)) {
    throw new ClusterError('ZRX_CLUSTER_CONFIG', `RPC name ${JSON.stringify(name)} is invalid.`);
  }
  return { name, input, output };
}

/** One process' answer: its value, or the error it (or its silence) produced. */
export type RpcResult<T> =
  | { readonly process: string; readonly ok: true; readonly value: T }
  | {
      readonly process: string;
      readonly ok: false;
      readonly error: { readonly code: ClusterErrorCode; readonly message: string };
    };

/** Options of one {@link ClusterRpc.call}. */
export interface RpcCallOptions {
  /** Give up on silent processes after this long, ms. Default 5,000. */
  timeoutMs?: number;
  /** Only these process ids; default every live member. */
  targets?: readonly string[];
}

/** Options of a {@link ClusterRpc}. */
export interface ClusterRpcOptions {
  redis: Redis;
  /** Key and channel prefix. Default `zoryx`. */
  prefix?: string;
  /** This process' id, unique in the cluster. */
  processId: string;
  /** This process' role, shown by `clusters`. */
  role: string;
  /** Membership heartbeat period and liveness window, ms. */
  heartbeatMs?: number;
  liveMs?: number;
}

const wireRequest = z.object({
  v: z.literal(1),
  id: z.string(),
  from: z.string(),
  name: z.string(),
  input: z.unknown(),
  targets: z.array(z.string()).nullable(),
});

const wireReply = z.object({
  v: z.literal(1),
  id: z.string(),
  process: z.string(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

type Handler = (input: unknown, from: string) => unknown;

interface PendingCall {
  expected: Set<string>;
  results: Map<string, RpcResult<unknown>>;
  output: z.ZodType;
  finish: () => void;
}

/**
 * Typed RPC over Redis pub/sub: a call is published once, every targeted process that has a
 * handler of that name runs it and publishes its answer to the caller's reply channel. The call
 * resolves when every target answered or the timeout passed, with one entry per process: a
 * value, its handler's error, or `ZRX_CLUSTER_RPC_TIMEOUT` — partial results, never a hang.
 */
export class ClusterRpc {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #id: string;
  readonly #handlers = new Map<string, { input: z.ZodType; output: z.ZodType; run: Handler }>();
  readonly #pending = new Map<string, PendingCall>();
  readonly membership: Membership;
  #subscriber: Redis | undefined;
  #closed = false;

  public constructor(options: ClusterRpcOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#id = options.processId;
    this.membership = new Membership({
      redis: options.redis,
      prefix: this.#prefix,
      id: options.processId,
      role: options.role,
      ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
      ...(options.liveMs === undefined ? {} : { liveMs: options.liveMs }),
    });
  }

  /** This process' id. */
  public get processId(): string {
    return this.#id;
  }

  get #requests(): string {
    return `${this.#prefix}:rpc`;
  }

  #replies(processId: string): string {
    return `${this.#prefix}:rpc:reply:${processId}`;
  }

  /** Subscribes and joins the membership; calls and handlers work from here on. */
  public async start(): Promise<void> {
    const subscriber = this.#redis.duplicate();
    this.#subscriber = subscriber;
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.#requests) void this.#serve(raw);
      else this.#receive(raw);
    });
    await subscriber.subscribe(this.#requests, this.#replies(this.#id));
    await this.membership.join();
  }

  /** Registers the handler of `definition` on this process; returns its removal. */
  public handle<I extends z.ZodType, O extends z.ZodType>(
    definition: RpcDefinition<I, O>,
    run: (input: z.output<I>, from: string) => z.input<O> | Promise<z.input<O>>,
  ): () => void {
    const entry = { input: definition.input, output: definition.output, run: run as Handler };
    this.#handlers.set(definition.name, entry);
    return () => {
      if (this.#handlers.get(definition.name) === entry) this.#handlers.delete(definition.name);
    };
  }

  async #serve(raw: string): Promise<void> {
    let request: z.infer<typeof wireRequest>;
    try {
      request = wireRequest.parse(JSON.parse(raw));
    } catch {
      return; // not ours to answer: no caller id to answer to
    }
    if (request.targets !== null && !request.targets.includes(this.#id)) return;
    const reply = (
      body:
        | { ok: true; value: unknown }
        | { ok: false; error: { code: ClusterErrorCode; message: string } },
    ) =>
      this.#redis.publish(
        this.#replies(request.from),
        JSON.stringify({ v: 1, id: request.id, process: this.#id, ...body }),
      );
    const handler = this.#handlers.get(request.name);
    if (handler === undefined) {
      await reply({
        ok: false,
        error: {
          code: 'ZRX_CLUSTER_RPC_UNKNOWN',
          message: `No handler "${request.name}" on ${this.#id}.`,
        },
      });
      return;
    }
    const input = handler.input.safeParse(request.input);
    if (!input.success) {
      await reply({
        ok: false,
        error: { code: 'ZRX_CLUSTER_RPC_PAYLOAD', message: z.prettifyError(input.error) },
      });
      return;
    }
    try {
      const value = handler.output.parse(await handler.run(input.data, request.from));
      await reply({ ok: true, value });
    } catch (error) {
      const code: ClusterErrorCode =
        error instanceof z.ZodError ? 'ZRX_CLUSTER_RPC_PAYLOAD' : 'ZRX_CLUSTER_RPC_FAILED';
      const message =
        error instanceof z.ZodError
          ? z.prettifyError(error)
          : error instanceof Error
            ? error.message
            : String(error);
      await reply({ ok: false, error: { code, message } });
    }
  }

  #receive(raw: string): void {
    let reply: z.infer<typeof wireReply>;
    try {
      reply = wireReply.parse(JSON.parse(raw));
    } catch {
      return;
    }
    const call = this.#pending.get(reply.id);
    if (call === undefined || !call.expected.has(reply.process)) return;
    let result: RpcResult<unknown>;
    if (reply.ok) {
      const value = call.output.safeParse(reply.value);
      result = value.success
        ? { process: reply.process, ok: true, value: value.data }
        : {
            process: reply.process,
            ok: false,
            error: { code: 'ZRX_CLUSTER_RPC_PAYLOAD', message: z.prettifyError(value.error) },
          };
    } else {
      result = {
        process: reply.process,
        ok: false,
        error: {
          code: (reply.error?.code ?? 'ZRX_CLUSTER_RPC_FAILED') as ClusterErrorCode,
          message: reply.error?.message ?? 'failed',
        },
      };
    }
    call.results.set(reply.process, result);
    if (call.results.size === call.expected.size) call.finish();
  }

  /**
   * Runs `definition` on every live process (or `options.targets`) and returns one result per
   * process, in target order. Rejects only for a payload that fails the schema here
   * (`ZRX_CLUSTER_RPC_PAYLOAD`) or after `close()`.
   */
  public async call<I extends z.ZodType, O extends z.ZodType>(
    definition: RpcDefinition<I, O>,
    input: z.input<I>,
    options: RpcCallOptions = {},
  ): Promise<RpcResult<z.output<O>>[]> {
    if (this.#closed || this.#subscriber === undefined) {
      throw new ClusterError(
        'ZRX_CLUSTER_CLOSED',
        `RPC ${definition.name}: not started or closed.`,
      );
    }
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      throw new ClusterError(
        'ZRX_CLUSTER_RPC_PAYLOAD',
        `RPC ${definition.name}: ${z.prettifyError(parsed.error)}`,
      );
    }
    const targets = options.targets ?? (await this.membership.live()).map((m) => m.id);
    const id = randomUUID();
    const timeoutMs = options.timeoutMs ?? 5_000;
    const call: PendingCall = {
      expected: new Set(targets),
      results: new Map(),
      output: definition.output,
      finish: () => undefined,
    };
    const done = new Promise<void>((resolve) => {
      call.finish = resolve;
    });
    this.#pending.set(id, call);
    const timer = setTimeout(() => call.finish(), timeoutMs);
    try {
      if (targets.length > 0) {
        await this.#redis.publish(
          this.#requests,
          JSON.stringify({
            v: 1,
            id,
            from: this.#id,
            name: definition.name,
            input: parsed.data,
            targets: options.targets ?? null,
          }),
        );
        await done;
      }
    } finally {
      clearTimeout(timer);
      this.#pending.delete(id);
    }
    return targets.map(
      (target) =>
        (call.results.get(target) as RpcResult<z.output<O>> | undefined) ?? {
          process: target,
          ok: false,
          error: {
            code: 'ZRX_CLUSTER_RPC_TIMEOUT',
            message: `${target} did not answer ${definition.name} within ${timeoutMs} ms.`,
          },
        },
    );
  }

  /** The live processes. */
  public members(): Promise<MemberInfo[]> {
    return this.membership.live();
  }

  /** Leaves the cluster and unsubscribes; pending calls resolve with what they have. */
  public async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const call of this.#pending.values()) call.finish();
    await this.membership.leave().catch(() => undefined);
    this.#subscriber?.disconnect();
  }
}
