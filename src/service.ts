/**
 * Composition root: config store, Redis, HTTP server, workers, and a clean shutdown in reverse
 * order (stop accepting → drain workers → close queues → close Redis).
 */
import type { FastifyInstance } from 'fastify';
import type { Worker, WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OutgoingMessage } from './channels/types';
import type { ConfigLocation } from './config/load';
import { RedisConversationStore } from './conversation/store';
import { RedisFeedbackStore } from './feedback/store';
import { RedisHandoffInbox } from './handoff/port';
import { createLogger } from './logging';
import { Outbox } from './outbox/outbox';
import { startOutboxWorker } from './outbox/worker';
import type { Decision } from './pipeline/types';
import type { InboundEvent } from './channels/types';
import { InboundIngest } from './queue/inbound';
import { IngestPump } from './queue/ingest-pump';
import { startInboundWorker } from './queue/inbound-worker';
import { createRedis, waitForRedis } from './queue/redis';
import { RuntimeStore } from './runtime/store';
import { buildHttpServer } from './server/http';

export interface ServiceOptions {
  location: ConfigLocation;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Listen on config.server.host/port (default true). Tests may use app.inject instead. */
  listen?: boolean;
  /** Run the pipeline and outbox workers in this process (default true). */
  workers?: boolean;
  /** Run the ingest pump (stream → inbound queue) in this process (default: same as `workers`). */
  pump?: boolean;
  /** Watch config files for hot reload (default true). */
  watchConfig?: boolean;
  onDecision?: (event: InboundEvent, decision: Decision) => void;
  /** BullMQ tuning for the inbound worker (tests shorten lock and stall intervals). */
  inboundWorkerOptions?: Partial<WorkerOptions>;
  /** BullMQ tuning for the outbox worker. */
  outboxWorkerOptions?: Partial<WorkerOptions>;
  onDelivered?: (msg: OutgoingMessage, info: { destination: string; parts: number; deliveredAt: number }) => void;
}

export interface RunningService {
  app: FastifyInstance;
  store: RuntimeStore;
  ingest: InboundIngest;
  /** Present when this process runs the pump (see ServiceOptions.pump). */
  pump?: IngestPump;
  outbox: Outbox;
  logger: Logger;
  /** Base URL the HTTP server listens on, if listening. */
  url?: string;
  close(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const logger = opts.logger ?? createLogger();
  const env = opts.env ?? process.env;
  const store = RuntimeStore.open(opts.location, logger, env);
  const { config } = store.get();
  const prefix = config.redis.keyPrefix;

  const producer = createRedis(config.redis.url, 'producer');
  const workerConn = createRedis(config.redis.url, 'worker');
  for (const [name, conn] of [['producer', producer], ['worker', workerConn]] as const)
    conn.on('error', (err: Error) => logger.warn({ event: 'redis_error', connection: name, error: err.message }, 'Redis connection problem (will reconnect)'));
  await waitForRedis(producer, 10_000);

  const ingest = new InboundIngest({ connection: producer, prefix, dedupeTtlSeconds: config.security.dedupeTtlSeconds });
  const outbox = new Outbox({
    connection: workerConn,
    prefix,
    maxAttempts: () => store.get().config.outbox.maxAttempts,
    backoffMs: () => store.get().config.outbox.backoffMs,
  });
  const handoff = new RedisHandoffInbox(workerConn, prefix, () => store.get().config.messages.handoffEta);
  const conversation = new RedisConversationStore(workerConn, prefix);
  const feedback = new RedisFeedbackStore(workerConn, prefix);

  const pump = (opts.pump ?? opts.workers !== false) ? new IngestPump({ connection: workerConn, prefix, logger }).start() : undefined;
  const workers: Worker[] = [];
  if (opts.workers !== false) {
    workers.push(
      startInboundWorker({ connection: workerConn, prefix, getSnapshot: () => store.get(), outbox, handoff, conversation, feedback, logger, onDecision: opts.onDecision, workerOptions: opts.inboundWorkerOptions }),
      startOutboxWorker({ connection: workerConn, prefix, getConfig: () => store.get().config, logger, onDelivered: opts.onDelivered, workerOptions: opts.outboxWorkerOptions }),
    );
  }

  const app = buildHttpServer({ store, ingest, redis: producer, logger });
  let url: string | undefined;
  if (opts.listen !== false) {
    url = await app.listen({ host: config.server.host, port: config.server.port });
  } else {
    await app.ready();
  }
  if (opts.watchConfig !== false) store.watch();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      store.close();
      await app.close(); // stop accepting; in-flight callbacks finish their ack
      await pump?.close(); // accepted events not yet moved stay in the stream for the next start
      await Promise.all(workers.map((w) => w.close())); // let active jobs finish
      await Promise.all([ingest.close(), outbox.close()]);
      await Promise.all([producer.quit().catch(() => undefined), workerConn.quit().catch(() => undefined)]);
    })());

  return { app, store, ingest, pump, outbox, logger, url, close };
}

export type { Redis };
