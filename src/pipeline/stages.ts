/**
 * Stages: feedback → context → commands → classify → conversation → route. Each is a decision over
 * the context; `route` and `conversation` call the hand-off seam, and the conversation stages read
 * and write the person's context through the stores injected in the context (see
 * conversation-stages.ts). Every stage of DEFAULT_STAGES is wrapped by `remembering`, so whatever
 * decides, the person's state (clarify options, last answer) and the answer counts follow.
 */
import { normalizeText } from '../kb/normalize';
import { isHelpRequest } from './help-request';
import { entriesOnTopic, helpTopic, kbCategories, MAX_TOPIC_QUESTIONS } from './help-topic';
import { entryAnswer } from './answer-text';
import { queryVector } from '../runtime/embeddings';
import { classify } from './classify';
import { conversationStage, feedbackStage, MAX_OPTIONS, remembering } from './conversation-stages';
import { isRulesRequest, parseSlashCommand } from './slash-command';
import { renderTemplate } from './template';
import type { Decision, PipelineContext, ReplyDraft, Stage } from './types';

function textReply(ctx: PipelineContext, content: string): ReplyDraft {
  // In a group the asker is @-mentioned so the answer reaches them in a busy chat.
  const mentions = ctx.event.chatType === 'group' && ctx.event.sender.id ? [ctx.event.sender.id] : [];
  return { format: 'markdown', content, mentions };
}

function helpText(ctx: PipelineContext): string {
  return renderTemplate(ctx.snapshot.config.messages.help, { bot: ctx.bot?.name ?? '群助' });
}

/** Non-message events and empty mentions are settled here; messages continue. */
export const contextStage: Stage = (ctx) => {
  const { event } = ctx;
  switch (event.kind) {
    case 'message':
      break;
    case 'bot_added':
      return { label: 'bot_added', score: 1, reason: 'bot added to group: introduce myself', replies: [{ format: 'markdown', content: helpText(ctx), mentions: [] }] };
    case 'feedback':
      return { label: 'feedback', score: 1, reason: `feedback type ${event.feedback?.type ?? '?'} recorded`, replies: [] };
    default:
      return { label: 'ignored', score: 1, reason: `event kind ${event.kind} needs no reply`, replies: [] };
  }
  if (!event.text && event.rawText === '' && event.raw.msgtype && event.raw.msgtype !== 'text')
    return { label: 'ignored', score: 1, reason: `msgtype ${event.raw.msgtype} without text`, replies: [] };
  if (!event.text) return { label: 'command', score: 1, reason: 'bare @-mention: show help', replies: [textReply(ctx, helpText(ctx))] };
  return undefined;
};

/** 帮助 + a subject: the KB questions about it, numbered and remembered like a clarify list. */
function helpTopicDecision(ctx: PipelineContext, text: string): Decision | undefined {
  const kb = ctx.snapshot.kb;
  const categories = kbCategories(kb);
  const topic = helpTopic(text, categories);
  if (!topic) return undefined;
  const m = ctx.snapshot.config.messages;
  const entries = entriesOnTopic(kb, topic, ctx.group?.tags).slice(0, MAX_TOPIC_QUESTIONS);
  const reason = `command help on a subject (${topic}): ${entries.length} questions`;
  if (!entries.length) return { label: 'command', score: 1, reason, replies: [textReply(ctx, renderTemplate(m.helpTopicNone, { topic, categories: categories.join('、') }))] };
  const offered = entries.map((e) => ({ id: e.id, question: e.question }));
  const options = offered.map((e, i) => `${i + 1}. ${e.question.trim()}`).join('\n');
  return { label: 'command', score: 1, reason, offered, replies: [textReply(ctx, renderTemplate(m.helpTopic, { topic, options }))] };
}

/** When the config and KB were loaded, as staff read a clock (Asia/Shanghai): 12月5日 14:30. */
function shanghaiTime(ms: number): string {
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/** The reply to 「/规则」, 「/状态」 and a slash command that does not exist. */
function commandReply(ctx: PipelineContext, command: string, typed: string): string {
  const m = ctx.snapshot.config.messages;
  const vars = { bot: ctx.bot?.name ?? '群助', group: ctx.group?.name ?? '本群' };
  if (command === 'rules') return renderTemplate(ctx.group?.rules ?? m.rules, vars);
  if (command === 'status') {
    const kb = ctx.snapshot.kb;
    return renderTemplate(m.status, { ...vars, entries: String(kb.size), categories: kbCategories(kb).join('、') || '未分类', loadedAt: shanghaiTime(ctx.snapshot.loadedAt) });
  }
  return renderTemplate(m.unknownCommand, { ...vars, command: typed });
}

export const commandStage: Stage = (ctx) => {
  const t = ctx.event.text.trim();
  const slash = parseSlashCommand(t);
  if (slash && (slash.command === 'rules' || slash.command === 'status' || (slash.command === 'unknown' && !slash.args))) {
    return { label: 'command', score: 1, reason: `command ${slash.command} (/${slash.name})`, replies: [textReply(ctx, commandReply(ctx, slash.command, slash.name))] };
  }
  if (isRulesRequest(normalizeText(t))) return { label: 'command', score: 1, reason: `command rules (${t})`, replies: [textReply(ctx, commandReply(ctx, 'rules', t))] };
  const onTopic = helpTopicDecision(ctx, t);
  if (onTopic) return onTopic;
  // A lone "?" after the @-mention is asking what the bot is for.
  if (t === '?' || t === '？' || isHelpRequest(normalizeText(t))) return { label: 'command', score: 1, reason: `command help (${t})`, replies: [textReply(ctx, helpText(ctx))] };
  return undefined;
};

export const classifyStage: Stage = async (ctx) => {
  const { kb, config, rules } = ctx.snapshot;
  ctx.classification = classify(
    ctx.event.text,
    kb,
    {
    answerThreshold: config.kb.answerThreshold,
    clarifyThreshold: config.kb.clarifyThreshold,
    groupTags: ctx.group?.tags,
    queryVector: await queryVector(ctx.event.text, kb, config.kb.embeddings, ctx.log),
    },
    rules,
  );
  return undefined;
};

/** 2026-12-28 → 2026年12月28日 (the loader has checked the YYYY-MM-DD shape). */
function chineseDate(day: string | undefined): string {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (day ?? '');
}

export const routeStage: Stage = async (ctx): Promise<Decision> => {
  const c = ctx.classification;
  if (!c) throw new Error('routeStage needs classifyStage first');
  const m = ctx.snapshot.config.messages;
  const base = { label: c.label, score: c.score, reason: c.reason };
  switch (c.label) {
    case 'command': {
      if (c.command === 'handoff') {
        // Normally the conversation stage hands these off; this is the fallback when it did not act.
        const ack = await ctx.handoff.open({ event: ctx.event, severity: 'normal', reason: c.reason, groupName: ctx.group?.name });
        return { ...base, replies: [textReply(ctx, renderTemplate(m.handoffAck, { eta: ack.eta }))] };
      }
      if (c.command === 'rules' || c.command === 'status' || c.command === 'unknown') return { ...base, replies: [textReply(ctx, commandReply(ctx, c.command, ctx.event.text.trim()))] };
      return { ...base, replies: [textReply(ctx, helpText(ctx))] };
    }
    case 'faq': {
      const kb = c.kb;
      if (kb?.outOfWindow) {
        const w = kb.outOfWindow;
        const template = w.state === 'upcoming' ? m.upcoming : m.ended;
        return { ...base, replies: [textReply(ctx, renderTemplate(template, { question: w.question.trim(), from: chineseDate(w.effectiveFrom), until: chineseDate(w.effectiveUntil) }))] };
      }
      if (kb?.decision === 'answer' && kb.best) {
        // A less than sure answer names the question it answers: if that is not what was asked, the
        // asker sees it at once (and 「不对」 hands over), instead of acting on a neighbour's answer.
        // So does a sure one whose entry never speaks to part of the ask (健康证的钱能报吗 against the
        // entry on getting one): same subject, another ask is the near miss confidence cannot see.
        const named = ctx.snapshot.kb.shouldNameQuestion(ctx.event.text, { id: kb.best.id, score: kb.candidates[0]?.score ?? 0 }, ctx.snapshot.config.kb.nameQuestionBelow);
        const text = named ? renderTemplate(ctx.snapshot.config.conversation.inferredAnswer, { question: kb.best.question.trim(), answer: entryAnswer(ctx, kb.best) }) : entryAnswer(ctx, kb.best);
        return { ...base, kbEntryId: kb.best.id, replies: [textReply(ctx, text)] };
      }
      const offered = (kb?.candidates ?? []).slice(0, MAX_OPTIONS).map((cand) => ({ id: cand.id, question: cand.question }));
      const options = offered.map((cand, i) => `${i + 1}. ${cand.question}`).join('\n');
      return { ...base, offered, replies: [textReply(ctx, renderTemplate(m.clarify, { options }))] };
    }
    case 'urgent': {
      await ctx.handoff.open({ event: ctx.event, severity: 'urgent', reason: c.reason, groupName: ctx.group?.name });
      return { ...base, replies: [textReply(ctx, renderTemplate(m.urgentAck, { eta: m.handoffEta }))] };
    }
    case 'complex': {
      const ack = await ctx.handoff.open({ event: ctx.event, severity: 'normal', reason: c.reason, groupName: ctx.group?.name });
      return { ...base, replies: [textReply(ctx, renderTemplate(m.handoffAck, { eta: ack.eta }))] };
    }
    case 'chitchat': {
      // Thanks and acknowledgements get the short "you're welcome"; other small talk a friendly scope line.
      const text = c.chitchat === 'smalltalk' ? m.smallTalk : m.chitchat;
      return { ...base, replies: text ? [textReply(ctx, text)] : [] };
    }
    case 'offtopic':
      return { ...base, replies: m.offTopic ? [textReply(ctx, m.offTopic)] : [] };
    case 'unclear':
    default:
      return { ...base, replies: [textReply(ctx, m.unclear)] };
  }
};

export const DEFAULT_STAGES: readonly Stage[] = [feedbackStage, contextStage, commandStage, classifyStage, conversationStage, routeStage].map(remembering);
