/**
 * The stage contract. A stage is a small function of the context: it either decides (returns a
 * Decision, which ends the pipeline) or enriches the context and returns undefined to continue.
 * Stages never see platform payloads and never do platform I/O; replies leave through the outbox.
 */
import type { Logger } from 'pino';
import type { InboundEvent, MessageFormat } from '../channels/types';
import type { BotConfig, GroupConfig } from '../config/schema';
import type { ConversationStore } from '../conversation/store';
import type { FeedbackStore } from '../feedback/store';
import type { HandoffPort } from '../handoff/port';
import type { RuntimeSnapshot } from '../runtime/snapshot';
import type { Classification } from './classify';
import type { ConversationState } from './conversation';

export interface ReplyDraft {
  format: MessageFormat;
  content: string;
  /** User ids to @-mention. */
  mentions: string[];
}

/** `handoff`: handed to a person because they asked (转人工) or the last answer did not help (没用). */
export type DecisionLabel = Classification['label'] | 'ignored' | 'bot_added' | 'feedback' | 'handoff';

export interface Decision {
  label: DecisionLabel;
  score: number;
  reason: string;
  replies: ReplyDraft[];
  /** KB entry answered, if any (for analytics). */
  kbEntryId?: string;
  /** How the entry was reached when not by the message alone: a clarify choice or a follow-up. */
  via?: 'clarify' | 'followup';
  /** The question answered or clarified, when it is not the message itself (merged follow-up, chosen option). */
  query?: string;
  /** Entries offered to choose from, numbered 1… in the reply (clarify). */
  offered?: Array<{ id: string; question: string }>;
}

export interface PipelineContext {
  readonly event: InboundEvent;
  readonly snapshot: RuntimeSnapshot;
  readonly bot: BotConfig | undefined;
  readonly group: GroupConfig | undefined;
  readonly handoff: HandoffPort;
  readonly log: Logger;
  /** Per-person conversation context (clarify options, last answer). Absent: every message stands alone. */
  readonly conversation?: ConversationStore;
  /** Answer and feedback counts per KB entry. Absent: nothing is counted. */
  readonly feedback?: FeedbackStore;
  classification?: Classification;
  /** The person's conversation state as loaded for this event (memo of the conversation stages). */
  conversationState?: ConversationState;
}

export type Stage = (ctx: PipelineContext) => Decision | undefined | Promise<Decision | undefined>;
