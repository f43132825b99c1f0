/**
 * The stages that give the pipeline a memory, per bot + group + person (conversation.ts has the
 * rules, ConversationStore and FeedbackStore the Redis I/O):
 *
 *   feedbackStage       WeCom 👍/👎 (feedback_event) → counted for the entry that answered
 *   conversationStage   after classify: a clarify choice ("2"), 转人工 / 没用 → a person, 解决了 →
 *                       counted, a follow-up ("那会员卡呢？") → answered on the previous topic
 *   remembering(stage)  after any stage decides: the person's new state (clarify options, last
 *                       answer, hand-off) and the answer record for feedback
 *
 * It runs after classify on purpose: an urgent message ("那冒烟了呢") must stay urgent whatever
 * came before, and a text choice must not win over a KB answer to a new question.
 */
import { entryAnswer } from './answer-text';
import type { FeedbackInfo } from '../channels/types';
import type { ConversationKey } from '../conversation/store';
import type { FeedbackStore, Verdict } from '../feedback/store';
import type { KbDecision, KbEntry } from '../kb/types';
import { maskId } from '../logging';
import { activeState, decideTurn, isEmptyState, nextState, type ConversationState, type LastAnswer, type TurnAction } from './conversation';
import { followUpQueries, pickFollowUp, type FollowUp, type ScoredQuery } from './followup';
import { renderTemplate } from './template';
import type { Decision, PipelineContext, ReplyDraft, Stage } from './types';

/** Clarify and related lists show at most this many options. */
export const MAX_OPTIONS = 3;

function personKey(ctx: PipelineContext): ConversationKey {
  return { botId: ctx.event.botId, chatId: ctx.event.chatId, userId: ctx.event.sender.id };
}

function reply(ctx: PipelineContext, content: string): ReplyDraft {
  const mentions = ctx.event.chatType === 'group' && ctx.event.sender.id ? [ctx.event.sender.id] : [];
  return { format: 'markdown', content, mentions };
}

function hasMemory(ctx: PipelineContext): boolean {
  return ctx.event.kind === 'message' && Boolean(ctx.event.sender.id);
}

/** The person's stored state before this event (loaded once per event). */
async function loadState(ctx: PipelineContext): Promise<ConversationState> {
  if (!ctx.conversation) return {};
  ctx.conversationState ??= await ctx.conversation.load(personKey(ctx), ctx.event.id);
  return ctx.conversationState;
}

function decideOptions(ctx: PipelineContext) {
  const { kb } = ctx.snapshot.config;
  return { answerThreshold: kb.answerThreshold, clarifyThreshold: kb.clarifyThreshold, groupTags: ctx.group?.tags };
}

function scored(d: KbDecision | undefined): ScoredQuery | undefined {
  const top = d?.candidates[0];
  return d && top ? { decision: d.decision, entryId: top.id, score: top.score } : undefined;
}

function inferredAnswer(ctx: PipelineContext, entry: KbEntry): ReplyDraft {
  return reply(ctx, renderTemplate(ctx.snapshot.config.conversation.inferredAnswer, { question: entry.question.trim(), answer: entryAnswer(ctx, entry) }));
}

function quote(s: string, max = 40): string {
  const chars = [...s.trim()];
  return `"${chars.length > max ? chars.slice(0, max).join('') + '…' : chars.join('')}"`;
}

// ---------- WeCom feedback events ----------

const VERDICT_OF_TYPE: Record<number, Verdict | 'cancel'> = { 1: 'helpful', 2: 'notHelpful', 3: 'cancel' };
const TYPE_NAME: Record<number, string> = { 1: 'accurate', 2: 'inaccurate', 3: 'cancelled' };

/**
 * The answer a feedback id may refer to. We key answers by the answered message's event id; the
 * id attached to a reply may be that id, a reply id (`<event id>#<n>`), or the bare platform msgid.
 */
export function feedbackRefs(platform: string, botId: string, feedbackId: string): string[] {
  const bare = feedbackId.replace(/#\d+$/, '');
  const scoped = (id: string): string => (id.startsWith(`${platform}:`) ? id : `${platform}:${botId}:${id}`);
  return [...new Set([feedbackId, bare, scoped(feedbackId), scoped(bare)])];
}

async function recordWecomFeedback(ctx: PipelineContext, store: FeedbackStore, fb: FeedbackInfo): Promise<Decision> {
  const { event } = ctx;
  const verdict = VERDICT_OF_TYPE[fb.type];
  const name = TYPE_NAME[fb.type] ?? `type ${fb.type}`;
  const base = { eventId: event.id, botId: event.botId, chatId: event.chatId, sender: maskId(event.sender.id), at: event.receivedAt };
  const res = verdict
    ? await store.rate(feedbackRefs(event.platform, event.botId, fb.id), event.sender.id, verdict, { ...base, source: 'wecom', ...(ctx.group ? { groupName: ctx.group.name } : {}), text: fb.content ?? '' })
    : ({ found: false } as const);
  if (!res.found) {
    await store.recordUnattributed({ ...base, source: 'wecom', feedbackId: fb.id, type: fb.type, ...(fb.content ? { content: fb.content } : {}) });
    return { label: 'feedback', score: 1, reason: `feedback ${name} for unknown answer ${quote(fb.id, 80)}: recorded as unattributed`, replies: [] };
  }
  const what = res.changed ? (res.previous ? `(was ${res.previous})` : '') : '(unchanged)';
  return { label: 'feedback', score: 1, reason: `feedback ${name} on ${res.entryId} ${what}`.trim(), replies: [] };
}

/** WeCom feedback events are recorded per entry; without a feedback store the context stage settles them. */
export const feedbackStage: Stage = async (ctx) => {
  const { event } = ctx;
  if (event.kind !== 'feedback' || !event.feedback || !ctx.feedback) return undefined;
  return recordWecomFeedback(ctx, ctx.feedback, event.feedback);
};

// ---------- the conversation stage ----------

async function answerChoice(ctx: PipelineContext, action: Extract<TurnAction, { kind: 'choice' }>): Promise<Decision | undefined> {
  const entry = ctx.snapshot.kb.getEntry(action.option.id);
  if (!entry) {
    ctx.log.info({ event: 'clarify_choice_gone', entryId: action.option.id }, 'chosen KB entry no longer exists (KB reloaded); treating the message as new');
    return undefined;
  }
  const n = action.choice.index + 1;
  return {
    label: 'faq',
    score: 1,
    reason: `clarify choice ${n} → ${entry.id} (${action.choice.how === 'number' ? `number ${quote(action.choice.evidence)}` : action.choice.evidence}; asked ${quote(action.clarify.query)})`,
    kbEntryId: entry.id,
    via: 'clarify',
    query: entry.question,
    replies: [inferredAnswer(ctx, entry)],
  };
}

async function handOff(ctx: PipelineContext, action: Extract<TurnAction, { kind: 'handoff' }>): Promise<Decision> {
  const { event } = ctx;
  const m = ctx.snapshot.config.messages;
  const said = quote(event.text);
  let reason: string;
  if (action.cause === 'failure' && action.last) reason = `answer for ${action.last.entryId} did not help: ${said} (asked ${quote(action.last.query)})`;
  else if (action.cause === 'none-fit' && action.clarify)
    reason = `none of the offered questions (${action.clarify.options.map((o) => o.id).join(', ')}) fit: ${said} (asked ${quote(action.clarify.query)})`;
  else reason = `asked for a person: ${said}`;

  if (action.cause === 'failure' && action.last && ctx.feedback) {
    const res = await ctx.feedback.rate([action.last.eventId], event.sender.id, 'notHelpful', {
      source: 'chat',
      eventId: event.id,
      botId: event.botId,
      chatId: event.chatId,
      ...(ctx.group ? { groupName: ctx.group.name } : {}),
      sender: maskId(event.sender.id),
      text: event.text,
      at: event.receivedAt,
    });
    if (!res.found) ctx.log.warn({ event: 'feedback_answer_missing', entryId: action.last.entryId }, 'answer record expired; failure not counted');
  }
  let eta = m.handoffEta;
  if (action.repeat) reason += '; already handed off, not opening another';
  else eta = (await ctx.handoff.open({ event, severity: 'normal', reason, groupName: ctx.group?.name })).eta;
  return { label: 'handoff', score: action.cause === 'request' ? 1 : 0.9, reason, replies: [reply(ctx, renderTemplate(m.handoffAck, { eta }))] };
}

async function countHelpful(ctx: PipelineContext, last: LastAnswer, phrase: string): Promise<void> {
  if (!ctx.feedback) return;
  const { event } = ctx;
  const res = await ctx.feedback.rate([last.eventId], event.sender.id, 'helpful', {
    source: 'chat',
    eventId: event.id,
    botId: event.botId,
    chatId: event.chatId,
    sender: maskId(event.sender.id),
    text: event.text,
    at: event.receivedAt,
  });
  ctx.log.info({ event: 'answer_helpful', entryId: last.entryId, phrase, counted: res.found && res.changed }, 'person said the last answer helped');
}

function relatedQuestions(ctx: PipelineContext, fu: FollowUp, last: LastAnswer): Decision | undefined {
  const opts = decideOptions(ctx);
  const options = ctx.snapshot.kb
    .decide(last.query, opts)
    .candidates.filter((c) => c.id !== last.entryId && c.score >= opts.clarifyThreshold)
    .slice(0, MAX_OPTIONS);
  if (!options.length) return undefined;
  const list = options.map((c, i) => `${i + 1}. ${c.question}`).join('\n');
  return {
    label: 'faq',
    score: options[0]!.score,
    reason: `follow-up ${quote(ctx.event.text)} (${fu.kind}) after ${last.entryId}: offering related ${options.map((c) => c.id).join(', ')}`,
    query: last.query,
    offered: options.map((c) => ({ id: c.id, question: c.question })),
    replies: [reply(ctx, renderTemplate(ctx.snapshot.config.conversation.relatedOptions, { options: list }))],
  };
}

function answerFollowUp(ctx: PipelineContext, fu: FollowUp, last: LastAnswer): Decision | undefined {
  if (fu.kind === 'more') return relatedQuestions(ctx, fu, last);
  const { kb } = ctx.snapshot;
  const opts = decideOptions(ctx);
  const variants = followUpQueries(fu.core, last.query);
  const pick = pickFollowUp(variants, (q) => scored(kb.decide(q, opts)) ?? { decision: 'none', score: 0 }, {
    previousEntryId: last.entryId,
    alone: scored(ctx.classification?.kb),
  });
  const entry = pick && kb.getEntry(pick.entryId);
  if (!pick || !entry) {
    ctx.log.debug({ event: 'followup_unresolved', core: fu.core, previous: last.entryId, variants }, 'follow-up not answerable on the previous topic');
    return undefined;
  }
  return {
    label: 'faq',
    score: pick.score,
    reason: `follow-up ${quote(ctx.event.text)} on ${quote(last.query)} → ${quote(pick.query)}: kb answer ${entry.id} (${pick.score.toFixed(2)})`,
    kbEntryId: entry.id,
    via: 'followup',
    query: pick.query,
    replies: [inferredAnswer(ctx, entry)],
  };
}

export const conversationStage: Stage = async (ctx) => {
  if (!ctx.conversation || !hasMemory(ctx)) return undefined;
  const cfg = ctx.snapshot.config.conversation;
  const state = activeState(await loadState(ctx), ctx.event.receivedAt);
  const action = decideTurn({ text: ctx.event.text, classification: ctx.classification, state, failurePhrases: cfg.failurePhrases, handoffPhrases: cfg.handoffPhrases });
  switch (action.kind) {
    case 'choice':
      return answerChoice(ctx, action);
    case 'handoff':
      return handOff(ctx, action);
    case 'helpful':
      await countHelpful(ctx, action.last, action.phrase);
      return undefined;
    case 'followup':
      return answerFollowUp(ctx, action.followUp, action.last);
    default:
      return undefined;
  }
};

// ---------- remembering what was decided ----------

async function rememberOutcome(ctx: PipelineContext, decision: Decision): Promise<void> {
  if (!hasMemory(ctx)) return;
  const { event } = ctx;
  const cfg = ctx.snapshot.config.conversation;
  const work: Array<Promise<unknown>> = [];
  if (decision.kbEntryId && ctx.feedback) {
    work.push(
      ctx.feedback.recordAnswer(
        { eventId: event.id, botId: event.botId, chatId: event.chatId, userId: event.sender.id, entryId: decision.kbEntryId, query: decision.query ?? event.text, via: decision.via ?? 'kb', at: event.receivedAt },
        cfg.feedbackTtlSeconds,
      ),
    );
  }
  if (ctx.conversation) {
    const before = await loadState(ctx);
    const next = nextState(activeState(before, event.receivedAt), decision, {
      eventId: event.id,
      text: event.text,
      now: event.receivedAt,
      ttl: { contextMs: cfg.contextTtlSeconds * 1000, clarifyMs: cfg.clarifyTtlSeconds * 1000 },
    });
    if (!isEmptyState(next) || !isEmptyState(before)) work.push(ctx.conversation.save(personKey(ctx), event.id, next, before));
  }
  await Promise.all(work);
}

/** Wraps a stage so that, when it decides, the person's conversation state and answer counts follow. */
export function remembering(stage: Stage): Stage {
  return async (ctx) => {
    const decision = await stage(ctx);
    if (decision) await rememberOutcome(ctx, decision);
    return decision;
  };
}
