/**
 * Consumes normalized events: runs the pipeline and hands each reply to the outbox. Reply ids are
 * derived from the event id, so if this worker crashes after enqueueing some replies, the retried
 * job enqueues the same ids again and the outbox sends each reply once.
 */
import { Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { InboundEvent, OutgoingMessage } from '../channels/types';
import type { ConversationStore } from '../conversation/store';
import type { FeedbackStore } from '../feedback/store';
import type { HandoffPort } from '../handoff/port';
import { runPipeline } from '../pipeline/run';
import type { Decision } from '../pipeline/types';
import type { RuntimeSnapshot } from '../runtime/snapshot';
import { INBOUND_QUEUE } from './names';

export interface ReplySink {
  enqueue(msg: OutgoingMessage): Promise<void>;
}

export interface InboundWorkerOptions {
  connection: Redis;
  prefix: string;
  getSnapshot: () => RuntimeSnapshot;
  outbox: ReplySink;
  handoff: HandoffPort;
  /** Per-person conversation context (clarify choices, follow-ups); without it every message stands alone. */
  conversation?: ConversationStore;
  /** Answer and feedback counts per KB entry. */
  feedback?: FeedbackStore;
  logger: Logger;
  concurrency?: number;
  onDecision?: (event: InboundEvent, decision: Decision) => void;
  /** BullMQ tuning (lockDuration, stalledInterval…), e.g. for crash-recovery tests. */
  workerOptions?: Partial<WorkerOptions>;
}

export async function processEvent(
  event: InboundEvent,
  opts: Pick<InboundWorkerOptions, 'getSnapshot' | 'outbox' | 'handoff' | 'conversation' | 'feedback' | 'logger' | 'onDecision'>,
): Promise<Decision> {
  const snapshot = opts.getSnapshot();
  const { config } = snapshot;
  const bot = config.bots.find((b) => b.id === event.botId);
  const group = config.groups.find((g) => g.bot === event.botId && g.id === event.chatId);
  const log = opts.logger.child({ eventId: event.id });
  const decision = await runPipeline({ event, snapshot, bot, group, handoff: opts.handoff, conversation: opts.conversation, feedback: opts.feedback, log });
  for (const [i, draft] of decision.replies.entries()) {
    await opts.outbox.enqueue({
      id: `${event.id}#${i}`,
      platform: event.platform,
      botId: event.botId,
      chatId: event.chatId,
      inReplyTo: event.id,
      triggeredAt: event.receivedAt,
      format: draft.format,
      content: draft.content,
      mentions: draft.mentions,
      // response_url is single use: only the first reply may take it; the outbox falls back to the webhook.
      route: i === 0 ? event.reply : { webhookUrl: event.reply.webhookUrl },
      // A KB answer asks WeCom for 👍/👎 buttons; the feedback stage matches `<event id>#0` to the entry.
      ...(i === 0 && decision.kbEntryId ? { feedbackId: `${event.id}#0` } : {}),
    });
  }
  opts.onDecision?.(event, decision);
  return decision;
}

export function startInboundWorker(opts: InboundWorkerOptions): Worker<InboundEvent> {
  const worker = new Worker<InboundEvent>(INBOUND_QUEUE, async (job) => processEvent(job.data, opts).then(() => undefined), {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 8,
    ...opts.workerOptions,
  });
  worker.on('failed', (job, err) =>
    opts.logger.error({ event: 'inbound_job_failed', jobId: job?.id, attempts: job?.attemptsMade, error: err.message }, 'pipeline failed for an event'),
  );
  worker.on('error', (err) => opts.logger.warn({ event: 'inbound_worker_error', error: err.message }, 'inbound worker connection problem'));
  return worker;
}
