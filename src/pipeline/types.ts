/**
 * The stage contract. A stage is a small function of the context: it either decides (returns a
 * Decision, which ends the pipeline) or enriches the context and returns undefined to continue.
 * Stages never see platform payloads and never do platform I/O; replies leave through the outbox.
 */
import type { Logger } from 'pino';
import type { InboundEvent, MessageFormat } from '../channels/types';
import type { BotConfig, GroupConfig } from '../config/schema';
import type { HandoffPort } from '../handoff/port';
import type { RuntimeSnapshot } from '../runtime/snapshot';
import type { Classification } from './classify';

export interface ReplyDraft {
  format: MessageFormat;
  content: string;
  /** User ids to @-mention. */
  mentions: string[];
}

export type DecisionLabel = Classification['label'] | 'ignored' | 'bot_added' | 'feedback';

export interface Decision {
  label: DecisionLabel;
  score: number;
  reason: string;
  replies: ReplyDraft[];
  /** KB entry answered, if any (for analytics). */
  kbEntryId?: string;
}

export interface PipelineContext {
  readonly event: InboundEvent;
  readonly snapshot: RuntimeSnapshot;
  readonly bot: BotConfig | undefined;
  readonly group: GroupConfig | undefined;
  readonly handoff: HandoffPort;
  readonly log: Logger;
  classification?: Classification;
}

export type Stage = (ctx: PipelineContext) => Decision | undefined | Promise<Decision | undefined>;
