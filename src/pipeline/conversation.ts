/**
 * Conversation context of one person in one group with one bot: what the bot last offered them
 * (a numbered clarify list), what it last answered (for follow-ups and "没用"), and whether they were
 * just handed to a person. Pure: the state is loaded and saved by a ConversationStore (Redis), the
 * KB is consulted by the stage (conversation-stages.ts); here are only the rules.
 *
 * Times are the event's receivedAt, so a queue backlog does not shorten anyone's window.
 */
import type { Classification } from './classify';
import { parseChoice, type Choice, type ChoiceOption } from './choice';
import { parseFollowUp, type FollowUp } from './followup';
import { matchPhrase, matchSuccess } from './phrases';
import type { Decision } from './types';

export interface PendingClarify {
  /** The options as numbered in the reply (1 = first). */
  options: ChoiceOption[];
  /** The question that was too ambiguous to answer. */
  query: string;
  eventId: string;
  /** Epoch ms after which a number no longer refers to these options. */
  until: number;
}

export interface LastAnswer {
  entryId: string;
  /** The question the answer was for (merged for follow-ups, the chosen question for choices). */
  query: string;
  /** The event answered: the key of its answer record (feedback). */
  eventId: string;
  until: number;
}

export interface HandoffMark {
  at: number;
  until: number;
  entryId?: string;
}

export interface ConversationState {
  clarify?: PendingClarify;
  last?: LastAnswer;
  handoff?: HandoffMark;
}

export interface ConversationTtls {
  /** ms; 0 = do not remember answers */
  contextMs: number;
  /** ms; 0 = do not remember clarify options */
  clarifyMs: number;
}

/** The parts of `state` still valid at `now`. */
export function activeState(state: ConversationState, now: number): ConversationState {
  const out: ConversationState = {};
  if (state.clarify && state.clarify.until > now) out.clarify = state.clarify;
  if (state.last && state.last.until > now) out.last = state.last;
  if (state.handoff && state.handoff.until > now) out.handoff = state.handoff;
  return out;
}

export function isEmptyState(s: ConversationState): boolean {
  return !s.clarify && !s.last && !s.handoff;
}

export type TurnAction =
  | { kind: 'none' }
  | { kind: 'choice'; choice: Choice; option: ChoiceOption; clarify: PendingClarify }
  /**
   * A person is wanted: asked for (`request`), or the last answer did not help (`failure`), or none
   * of the offered options fit (`none-fit`). `repeat`: a hand-off was opened moments ago; say so
   * again rather than opening another.
   */
  | { kind: 'handoff'; cause: 'request' | 'failure' | 'none-fit'; phrase: string; detail: string; last?: LastAnswer; clarify?: PendingClarify; repeat: boolean }
  /** "解决了": the last answer helped. The message still gets its normal reply. */
  | { kind: 'helpful'; phrase: string; last: LastAnswer }
  | { kind: 'followup'; followUp: FollowUp; last: LastAnswer };

export interface TurnInput {
  text: string;
  /** The classifier's view of the message alone. */
  classification?: Classification;
  /** Active state (see activeState). */
  state: ConversationState;
  failurePhrases: readonly string[];
  handoffPhrases: readonly string[];
}

/**
 * What the message means given the conversation so far. In order: an urgent message is always
 * just urgent; a pending clarify is answered by a choice; 转人工 hands off; 没用 after an answer (or
 * after a clarify) hands off and counts against the answer; 解决了 counts for it; a short 那…呢
 * follow-up is resolved against the last answer's question. Everything else is a fresh message.
 */
export function decideTurn(input: TurnInput): TurnAction {
  const { text, state } = input;
  const label = input.classification?.label;
  // A request for a person is labelled a command by classify, and handed off below like any 转人工.
  if (label === 'urgent' || (label === 'command' && input.classification?.command !== 'handoff')) return { kind: 'none' };

  if (state.clarify) {
    const choice = parseChoice(text, state.clarify.options);
    const kb = input.classification?.kb;
    // "会员卡的" picks an option; a new question the KB answers with an entry not offered does not.
    const newQuestion = choice?.how === 'text' && kb?.decision === 'answer' && kb.best && !state.clarify.options.some((o) => o.id === kb.best?.id);
    if (choice && !newQuestion) return { kind: 'choice', choice, option: state.clarify.options[choice.index]!, clarify: state.clarify };
  }

  const repeat = Boolean(state.handoff);
  const asked = matchPhrase(text, input.handoffPhrases, { trailing: true });
  if (asked) return { kind: 'handoff', cause: state.last ? 'failure' : 'request', phrase: asked.phrase, detail: asked.detail, last: state.last, clarify: state.clarify, repeat };

  const failed = matchPhrase(text, input.failurePhrases);
  if (failed) {
    if (state.last) return { kind: 'handoff', cause: 'failure', phrase: failed.phrase, detail: failed.detail, last: state.last, repeat };
    if (state.clarify) return { kind: 'handoff', cause: 'none-fit', phrase: failed.phrase, detail: failed.detail, clarify: state.clarify, repeat };
    if (state.handoff) return { kind: 'handoff', cause: 'request', phrase: failed.phrase, detail: failed.detail, repeat: true };
    return { kind: 'none' };
  }

  if (state.last) {
    const ok = matchSuccess(text);
    if (ok) return { kind: 'helpful', phrase: ok, last: state.last };
    const followUp = parseFollowUp(text);
    if (followUp) return { kind: 'followup', followUp, last: state.last };
  }
  return { kind: 'none' };
}

/** Decisions after which the last answer is still what the person is talking about. */
const KEEPS_CONTEXT = new Set<Decision['label']>(['chitchat', 'command', 'ignored', 'feedback', 'bot_added']);
/** Decisions that put a person on the case. */
const HANDS_OFF = new Set<Decision['label']>(['urgent', 'complex', 'handoff']);

/** The state after the bot decided `decision` on a message received at `now`. */
export function nextState(state: ConversationState, decision: Decision, o: { eventId: string; text: string; now: number; ttl: ConversationTtls }): ConversationState {
  const { now, ttl } = o;
  const next: ConversationState = {};
  if (state.handoff) next.handoff = state.handoff;
  if (decision.kbEntryId) {
    if (ttl.contextMs > 0) next.last = { entryId: decision.kbEntryId, query: decision.query ?? o.text, eventId: o.eventId, until: now + ttl.contextMs };
  } else if (decision.offered?.length) {
    if (ttl.clarifyMs > 0) next.clarify = { options: decision.offered, query: decision.query ?? o.text, eventId: o.eventId, until: now + ttl.clarifyMs };
  } else if (HANDS_OFF.has(decision.label)) {
    next.handoff = { at: now, until: now + Math.max(ttl.contextMs, ttl.clarifyMs), ...(state.last ? { entryId: state.last.entryId } : {}) };
    if (!next.handoff.until || next.handoff.until <= now) delete next.handoff;
  } else if (KEEPS_CONTEXT.has(decision.label) && state.last) {
    next.last = state.last;
  }
  return next;
}
