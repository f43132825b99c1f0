/**
 * Classifier v1: deterministic rules in a fixed order, each leaving its reason.
 *   help command → urgent → hand-off command (转人工) → chit-chat → vague → KB answer (faq) →
 *   off-topic → KB clarify (faq) → complex → unclear
 * Urgent comes before the KB on purpose: "收银机冒烟了" must reach a person even though the KB
 * knows about 收银机.
 */
import type { KnowledgeBase } from '../kb/knowledge-base';
import { normalizeText } from '../kb/normalize';
import type { DecideOptions, KbDecision } from '../kb/types';
import {
  CHITCHAT_MAX_CHARS,
  CHITCHAT_PHRASES,
  COMPLEX_MIN_CHARS,
  COMPLEX_SIGNALS,
  CHITCHAT_PATTERN,
  URGENT_NOW,
  NOW_BUT_NOT_URGENT,
  NEGATED_DEFUSER,
  FIGURES_OF_SPEECH,
  LATER_TIME,
  HOW_TO_QUESTION,
  ROUTINE_ASK,
  MIN_SPECIFIC_CHARS,
  OUT_OF_SCOPE_TASK,
  PROBLEM_WORDS,
  VAGUE_MESSAGES,
  VAGUE_PATTERN,
  ASKS,
  BOT_PERSONA,
  SUBJECTLESS_WORDS,
  POINTS_AT_UNSAID,
  POINTS_AT_UNSAID_MAX_CHARS,
  WORK_WORDS,
  QUESTION_SHAPE,
  CHITCHAT_OPENER,
  WORLD_QUESTION,
  SOCIAL_WORDS,
  PROMISE_TO_ACT,
  type ComplexSignal,
  type UrgentRule,
} from './lexicon';
import { isHelpRequest } from './help-request';
import { helpTopic, kbCategories } from './help-topic';
import { DEFAULT_HANDOFF_PHRASES, matchPhrase } from './phrases';
import { isRulesRequest, parseSlashCommand } from './slash-command';
import { BUILTIN_RULES, type ClassifierRules } from './rules';

export type MessageClass = 'command' | 'chitchat' | 'faq' | 'urgent' | 'complex' | 'unclear' | 'offtopic';

export interface Classification {
  label: MessageClass;
  score: number;
  reason: string;
  /** for chit-chat: a thanks/acknowledgement, or other small talk (they get different replies) */
  chitchat?: 'ack' | 'smalltalk';
  command?: string;
  kb?: KbDecision;
  /** A list offered for a store question just below the clarify band (not for alarming subjects). */
  belowBand?: boolean;
}

const URGENT_SCORE: Record<UrgentRule['severity'], number> = { critical: 1, high: 0.9 };
// Longest first, so 谢谢你 is removed whole rather than leaving 你 behind.
const CHITCHAT_BY_LENGTH = [...CHITCHAT_PHRASES].map((p) => normalizeText(p)).sort((a, b) => b.length - a.length);
const TRAILING_PARTICLES = /[啊呀吗呢吧哈啦嘛哦]+$/u;
const PARTICLES_AND_SPACES = /[\s啊呀吗呢吧哈啦嘛哦]/gu;

function charCount(s: string): number {
  return [...s.replace(/ /g, '')].length;
}

/** The bot as 你 (not 你们, which is head office, nor the greeting 你好). */
const ADDRESSES_BOT = /你(?![们好])|您(?![们好])/u;

/** Whom small talk is said to: the bot under the names staff give it, or the group. */
const ADDRESSEES = /机器人|小助手|总部助手|助手|小助理|大家|各位|老师们?|亲们?|宝子们?|姐妹们|家人们|兄弟们|小?伙伴们/gu;

function isChitchat(raw: string, text: string): boolean {
  // Emoji-only messages (👍, 🙏) normalise to nothing: they are reactions.
  if (!text) return /\p{Extended_Pictographic}/u.test(raw);
  if (charCount(text) > CHITCHAT_MAX_CHARS) return false;
  if (CHITCHAT_PATTERN.test(text) && charCount(text) <= CHITCHAT_MAX_CHARS) return true;
  let rest = text;
  for (const phrase of CHITCHAT_BY_LENGTH) rest = rest.split(phrase).join(' ');
  const residue = rest.replace(PARTICLES_AND_SPACES, '');
  // 谢啦机器人 / 早啊各位: small talk with the one it is said to
  return residue === '' || (rest !== text && residue.replace(ADDRESSEES, '') === '');
}

/** Particles said inside a vague message (就是那个啊上次那个), which the lists are written without. */
const INNER_PARTICLES = /[啊呀嘛哦喔哈]/gu;

function isVagueClause(compact: string): boolean {
  const core = compact.replace(TRAILING_PARTICLES, '');
  const bare = core.replace(INNER_PARTICLES, '');
  return VAGUE_MESSAGES.has(compact) || VAGUE_MESSAGES.has(core) || VAGUE_PATTERN.test(core) || (bare !== core && bare !== '' && (VAGUE_MESSAGES.has(bare) || VAGUE_PATTERN.test(bare)));
}

/** 嗯？ / 啊？？: a puzzled noise, asking what was meant, not an acknowledgement. */
const PUZZLED = /^\s*[嗯啊哦额呃诶欸噢]+\s*[?？]+\s*$/u;

/** How far below the clarify band a store question still gets the list (see classifyRoutine). */
const NEAR_CLARIFY_SHARE = 2 / 3;
/** A message this long that names a store subject says enough for a person to act on. */
const SUBJECT_REQUEST_MIN_CHARS = 8;

/** Messages up to this long are tried as two vague or greeting clauses run together (有人吗问个事). */
const VAGUE_SPLIT_MAX_CHARS = 14;

/** Said before a question, saying nothing of it (你好 我想问个事, 有人吗 问个事). */
const GREETINGS = new Set(['你好', '您好', '你们好', '大家好', '哈喽', '嗨', 'hello', 'hi', '早', '早上好', '上午好', '下午好', '晚上好', '老师', '老师好', '亲', '打扰了', '打扰一下', '不好意思']);

function isVague(text: string): boolean {
  const compact = text.replace(/ /g, ''); // "嗯，那个" normalises to "嗯 那个"
  if (!compact || isVagueClause(compact)) return true;
  // 你好我想问个事, 有人吗问个事: a typed space between Han characters is gone by now, so the two
  // clauses are found by trying each split of a short message.
  // Only listed phrases count here, not the shapes: 这个没 + 什么 is no pair of vague clauses.
  const part = (c: string): 'vague' | 'greeting' | undefined => {
    const core = c.replace(TRAILING_PARTICLES, '');
    return VAGUE_MESSAGES.has(c) || VAGUE_MESSAGES.has(core) ? 'vague' : GREETINGS.has(core) ? 'greeting' : undefined;
  };
  if ([...compact].length <= VAGUE_SPLIT_MAX_CHARS) {
    for (let i = 1; i < compact.length; i++) {
      const a = part(compact.slice(0, i));
      const b = a && part(compact.slice(i));
      if (a && b && (a === 'vague' || b === 'vague')) return true;
    }
  }
  // Several clauses, each a greeting or vague on its own: still nothing to act on.
  const clauses = text.split(' ').filter(Boolean);
  return clauses.length > 1 && clauses.every((c) => GREETINGS.has(c.replace(TRAILING_PARTICLES, '')) || isVagueClause(c)) && clauses.some((c) => isVagueClause(c));
}

/**
 * The text the defusers read. Once the alarming thing has happened (断电了, 漏水了), a later time after
 * it is when help comes, not when it happens: 「冷库断电了 里面全是冻品 物业说要明天才修」 is urgent now,
 * 「明天停电」 is not.
 */
function defuserText(normalized: string, pattern: RegExp): string {
  const m = pattern.exec(normalized);
  if (!m) return normalized;
  const end = m.index + m[0].length;
  const happened = m[0].endsWith('了') || normalized.charAt(end) === '了';
  return happened ? normalized.slice(0, end) + normalized.slice(end).replace(LATER_TIME, '') : normalized;
}

function findComplexSignal(text: string): ComplexSignal | undefined {
  return COMPLEX_SIGNALS.find((s) => s.pattern.test(text));
}

export function classify(text: string, kb: KnowledgeBase, opts: DecideOptions, rules: ClassifierRules = BUILTIN_RULES): Classification {
  // A slash command is typed at the bot, never a KB question or small talk (「/规则」 is not the points
  // rules). Help and hand-off go on to their own checks below; an unknown command with words after it
  // (「/急 店里着火了」) is read as those words.
  const slash = parseSlashCommand(text);
  if (slash && (slash.command === 'rules' || slash.command === 'status' || (slash.command === 'unknown' && !slash.args))) {
    return { label: 'command', score: 1, reason: `command ${slash.command} (/${slash.name})`, command: slash.command };
  }
  if (slash?.command === 'unknown') return classify(`${slash.name} ${slash.args}`, kb, opts, rules);
  const normalized = normalizeText(text);
  if (isRulesRequest(normalized)) return { label: 'command', score: 1, reason: `command rules (${normalized})`, command: 'rules' };

  if (isHelpRequest(normalized)) {
    return { label: 'command', score: 1, reason: `command help (${normalized})`, command: 'help' };
  }
  const topic = helpTopic(text, kbCategories(kb));
  if (topic) return { label: 'command', score: 1, reason: `command help on a subject (${topic})`, command: 'help' };

  // What the urgent checks read: figures of speech out (忙得要冒烟了), and a defuser said in the
  // negative (不是演练) out of what the defusers see.
  const alarm = normalized.replace(FIGURES_OF_SPEECH, ' ');
  const urgent = rules.urgent.find((r) => r.pattern.test(alarm));
  // "下周三的停电演练" or "切到手贴了创可贴，现在没事了" need a person, but not the duty manager's phone.
  const defused = urgent && ((rules.defusers.test(defuserText(alarm, urgent.pattern).replace(NEGATED_DEFUSER, ' ')) && !URGENT_NOW.test(alarm.replace(NOW_BUT_NOT_URGENT, ''))) || routineComplaint(alarm, urgent));
  if (urgent && !defused) {
    const word = alarm.match(urgent.pattern)?.[0] ?? '';
    return { label: 'urgent', score: URGENT_SCORE[urgent.severity], reason: `urgent ${urgent.severity}: ${urgent.topic} ("${word}")` };
  }
  // 转人工 / 人工 / 客服 on its own (or leading the message) asks for a person: the conversation stage
  // hands it off, so it is a command, never small talk. An urgent report in the same message wins.
  const handoff = matchPhrase(text, rules.handoffPhrases ?? DEFAULT_HANDOFF_PHRASES, { trailing: true });
  if (handoff && !urgent) {
    return { label: 'command', score: 1, reason: `command handoff (${handoff.phrase}${handoff.detail ? `: ${handoff.detail}` : ''})`, command: 'handoff' };
  }
  if (urgent) {
    // Routine business about an alarming subject ("明天有人来检查，要准备哪些资料"): the KB may well
    // answer it; if it does not, it goes to a person, never to small talk or a request to rephrase.
    const routine = classifyRoutine(text, normalized, kb, opts, rules);
    if ((routine.label === 'faq' && !routine.belowBand) || routine.label === 'complex') return routine;
    return { label: 'complex', score: 0.7, reason: `alarming word (${urgent.topic}) in a routine request ("${normalized.match(rules.defusers)?.[0] ?? normalized.match(PROCEDURE_ASK)?.[0] ?? ''}")`, kb: routine.kb };
  }
  // The model's KB guard and the routine path read the same decision: decide once.
  let decision: KbDecision | undefined;
  if (rules.urgentModel && !urgent) {
    const learned = judgeByModel(text, normalized, alarm, kb, opts, rules);
    if (learned.urgent) return learned.urgent;
    decision = learned.decision;
  }
  return classifyRoutine(text, normalized, kb, opts, rules, decision);
}

/**
 * A bug or a hair in a drink, asked about as a procedure (要拍照吗, 杯子留不留, 该怎么走流程): the
 * foreign-object FAQ says what to do, and the staff member is doing it. Not glass, blades, wire or
 * rodents, and not once someone is hurt, claims compensation or threatens exposure (other rules).
 */
const FOREIGN_OBJECT = /虫|苍蝇|头发|毛发|一根毛|塑料|异物/u;
const DANGEROUS_OBJECT = /玻璃|刀片|钢丝|铁丝|钉子|针|老鼠|蟑螂/u;
const PROCEDURE_ASK = /要拍照|拍照吗|留不留|要不要留|怎么走流程|走什么流程|该怎么处理|怎么处理比较|要不要上报|要上报吗|在哪提交|怎么登记|要登记吗/u;

function routineComplaint(normalized: string, urgent: UrgentRule): boolean {
  if (urgent.topic !== '食品安全事件') return false;
  const hit = normalized.match(urgent.pattern)?.[0] ?? '';
  return FOREIGN_OBJECT.test(hit) && !DANGEROUS_OBJECT.test(normalized) && PROCEDURE_ASK.test(normalized);
}

/**
 * The urgent model (urgent-model.ts), asked when no rule fired. It reads characters, not meaning,
 * so it only pages for a message that reports something: not a drill or a plan (the defusers), not
 * a how-to question ("要是有顾客摔倒了该怎么处理"), not a money case or a chase, and not one the KB finds a routine question for.
 */
function judgeByModel(text: string, normalized: string, alarm: string, kb: KnowledgeBase, opts: DecideOptions, rules: ClassifierRules): { urgent?: Classification; decision?: KbDecision } {
  const { model, threshold } = rules.urgentModel!;
  const { probability, evidence } = model.judge(alarm);
  if (probability < threshold || rules.defusers.test(alarm.replace(NEGATED_DEFUSER, ' ')) || HOW_TO_QUESTION.test(normalized) || ROUTINE_ASK.test(normalized)) return {};
  // A case about one store's money or an earlier request (被扣了两次钱, 要我们赔医药费, 催了一周没人回)
  // reads alarming to a character model, but it needs whoever owns the case, not the duty manager's phone.
  if (findComplexSignal(normalized)?.specificCase) return {};
  // A message the KB would at least offer its questions for reads like a routine one (顾客说奶茶里有根
  // 塑料丝 is the foreign-object FAQ): characters alone are not enough to page over it.
  const decision = kb.decide(text, opts);
  if (decision.decision !== 'none') return { decision };
  return { urgent: { label: 'urgent', score: Math.round(probability * 100) / 100, reason: `urgent high: 疑似紧急情况 (model ${probability.toFixed(2)}: ${evidence.join(' / ')})` } };
}

/** Everything after the command and urgent checks. */
function classifyRoutine(text: string, normalized: string, kb: KnowledgeBase, opts: DecideOptions, rules: ClassifierRules, decided?: KbDecision): Classification {
  if (PUZZLED.test(text)) return { label: 'unclear', score: 0.7, reason: `a puzzled "${text.trim()}": ask what is meant` };
  if (isChitchat(text, normalized)) return { label: 'chitchat', score: 0.9, reason: 'short small talk / acknowledgement', chitchat: CHITCHAT_PATTERN.test(normalized) ? 'smalltalk' : 'ack' };
  if (isVague(normalized)) return { label: 'unclear', score: 0.8, reason: normalized ? `vague message "${normalized}": ask for details` : 'no words after normalisation' };

  const decision = decided ?? kb.decide(text, opts);
  const top = decision.candidates[0];
  const signal = findComplexSignal(normalized);

  // Nothing in the message is a word the KB talks about: question words lining up with a question
  // ("学什么" / "新员工要学什么") is no reason to answer it.
  const domain = kb.domainWords(text);
  // "少货咋报": no topic word survives segmentation, but a confident answer over characters the KB
  // uses is evidence enough (not for talk addressed to the bot: 你看起来好美).
  // Nor is a confident answer found through an entry's answer text (带教要带几天: 带教 is only in an answer).
  const onTopic = domain.length > 0 || (decision.decision === 'answer' && !BOT_PERSONA.test(normalized.replace(/ /g, '')) && (kb.charRuns(text).length > 0 || kb.answerDomainWords(text).length > 0));
  // A subject the KB has never heard of ("冷面的做法": 冷面 unknown, only 做法 known) turns an answer
  // into at most a guess list; one unknown word among several known ones is just context.
  const unknownAll = onTopic && decision.decision === 'answer' ? kb.wordsNoEntryUses(text) : [];
  const unknown = unknownAll.length >= domain.length ? unknownAll : [];
  // "订单号 2024… 退款没到账" is about one order: the general refund FAQ is no answer to it.
  if (signal?.specificCase) return { label: 'complex', score: 0.85, reason: `request for a person: ${signal.topic}; kb ${decision.decision}`, kb: decision };
  // Only an entry outside its dates would answer (a promotion that has not started): a KB question
  // about a store topic, told when it starts or that it ended, never small talk or a guess list.
  if (decision.outOfWindow && top && onTopic) return { label: 'faq', score: top.score, reason: `kb ${decision.reason ?? decision.outOfWindow.id}`, kb: decision };
  if (decision.decision === 'answer' && top && onTopic && unknown.length === 0) {
    return { label: 'faq', score: top.score, reason: `kb answer ${top.id} (${top.score.toFixed(2)})`, kb: decision };
  }
  if (unknown.length) decision.reason = `${decision.reason ?? ''}; not answered: the KB knows nothing of ${unknown.join('/')}`;
  const offTopic = rules.offTopic.find((r) => r.pattern.test(normalized));
  if (offTopic && !signal) {
    return { label: 'offtopic', score: 0.8, reason: `off-topic: ${offTopic.topic} ("${normalized.match(offTopic.pattern)?.[0] ?? ''}"); kb ${decision.decision}`, kb: decision };
  }
  if (!onTopic && !signal && BOT_PERSONA.test(normalized.replace(/ /g, ''))) {
    return { label: 'chitchat', score: 0.6, reason: `small talk about the bot itself; kb ${decision.decision}`, kb: decision, chitchat: 'smalltalk' };
  }
  // "好的收到，我转告店员" names store work but asks nothing: only a question or a request counts.
  const work = QUESTION_SHAPE.test(text) ? WORK_WORDS.exec(normalized)?.[0] : undefined;
  if (!onTopic && !signal && !work && !URGENT_NOW.test(normalized) && !PROBLEM_WORDS.test(normalized)) {
    if (OUT_OF_SCOPE_TASK.test(normalized)) return { label: 'offtopic', score: 0.6, reason: `a task outside store work, no store topic word; kb ${decision.decision}`, kb: decision };
    if (WORLD_QUESTION.test(normalized)) return { label: 'offtopic', score: 0.6, reason: `a question about the world outside store work ("${normalized.match(WORLD_QUESTION)?.[0] ?? ''}"); kb ${decision.decision}`, kb: decision };
    // A question with no subject at all ("上次说的那个事呢", "这个是什么情况") needs details before
    // anyone can help; one with a subject the KB never mentions is small talk (people chat in questions).
    if (POINTS_AT_UNSAID.test(normalized) && charCount(normalized) <= POINTS_AT_UNSAID_MAX_CHARS) {
      return { label: 'unclear', score: 0.55, reason: `points at something not said ("${normalized.match(POINTS_AT_UNSAID)?.[0]?.trim() ?? ''}"): ask what is meant; kb ${decision.decision}`, kb: decision };
    }
    if (ASKS.test(normalized) && !kb.wordsNoEntryUses(text).some((w) => !SUBJECTLESS_WORDS.has(w))) {
      return { label: 'unclear', score: 0.55, reason: `a question without a subject: ask for details; kb ${decision.decision}`, kb: decision };
    }
    return { label: 'chitchat', score: 0.6, reason: `no store topic word: small talk; kb ${decision.decision}`, kb: decision, chitchat: 'smalltalk' };
  }
  // A guess list is no help for "please check order 2024…": that needs a person.
  // A store-work question about a subject the KB never mentions ("试用期交社保吗": 社保) needs a
  // person; a guess list of other payments would only delay them.
  if (work && decision.decision !== 'answer' && kb.wordsNoEntryUses(text).some((w) => WORK_WORDS.test(w))) {
    return { label: 'complex', score: 0.55, reason: `a store-work request (${work}) about something the KB never mentions; kb ${decision.decision}`, kb: decision };
  }
  // Nothing asked, nothing broken, opened by a thanks or a greeting: small talk with a topic word in it
  // (好的收到 我跟店员说一声), however its words line up with a question.
  const calm = !PROBLEM_WORDS.test(normalized) && !URGENT_NOW.test(normalized.replace(PROMISE_TO_ACT, ''));
  const acknowledgement = CHITCHAT_OPENER.test(normalized) && !QUESTION_SHAPE.test(text) && calm;
  // A remark about the bot that asks nothing (这个机器人还挺聪明的嘛): its 机器 lining up with 机器坏了
  // is no reason to offer repair questions.
  if (decision.decision !== 'answer' && calm && !signal && !QUESTION_SHAPE.test(text) && BOT_PERSONA.test(normalized.replace(/ /g, ''))) {
    return { label: 'chitchat', score: 0.55, reason: `a remark about the bot itself; kb ${decision.decision}`, kb: decision, chitchat: 'smalltalk' };
  }
  if ((decision.decision === 'clarify' || unknown.length > 0) && top && !signal?.strong && !acknowledgement) {
    if (unknown.length) decision.decision = 'clarify';
    return { label: 'faq', score: top.score, reason: `kb clarify: ${decision.reason ?? top.id}`, kb: decision };
  }
  if (signal) return { label: 'complex', score: 0.8, reason: `request for a person: ${signal.topic}; kb ${decision.decision}`, kb: decision };

  const length = charCount(normalized);
  // A store question (a topic word, a question shape) whose best match falls a little short of the
  // clarify band: the list is offered rather than a person paged. Long messages dilute confidence
  // (「冷藏柜温度下不去了，一直在十度左右，里面还有好多鲜奶，怎么办？」 reaches 0.2), and the asker can
  // pick one or answer 「人工」; a hand-off for a question the KB answers costs a person's time. Not for
  // talk addressed to the bot (你可以二十四小时陪我聊天吗): small talk reads like a weak match too.
  if (decision.decision === 'none' && top && top.score >= NEAR_CLARIFY_SHARE * opts.clarifyThreshold && domain.length > 0 && QUESTION_SHAPE.test(text) && length >= MIN_SPECIFIC_CHARS && !ADDRESSES_BOT.test(normalized)) {
    decision.decision = 'clarify';
    decision.reason = `${decision.reason ?? top.id}; offered anyway: a store question just below the clarify band`;
    return { label: 'faq', score: top.score, reason: `kb clarify: ${decision.reason}`, kb: decision, belowBand: true };
  }
  if (length >= COMPLEX_MIN_CHARS) return { label: 'complex', score: 0.6, reason: `long message (${length} chars) the KB cannot answer`, kb: decision };
  if (work && length >= MIN_SPECIFIC_CHARS && !isVague(normalized.replace(work, ''))) {
    return { label: 'complex', score: 0.55, reason: `a store-work request (${work}) the KB has no answer for`, kb: decision };
  }
  if (acknowledgement) {
    return { label: 'chitchat', score: 0.55, reason: 'an acknowledgement or greeting that asks nothing', kb: decision, chitchat: 'ack' };
  }
  // Nothing the KB knows, nothing asked of the store: talk to the bot ("你这小助手反应挺快啊") or a
  // social line to the group ("新同事报到，大家多多关照") is small talk, not a request to rephrase.
  if (decision.decision === 'none' && calm && !ASKS.test(normalized)) {
    if (BOT_PERSONA.test(normalized.replace(/ /g, ''))) return { label: 'chitchat', score: 0.55, reason: 'small talk about the bot itself', kb: decision, chitchat: 'smalltalk' };
    if (!QUESTION_SHAPE.test(text) && SOCIAL_WORDS.test(text.toLowerCase())) return { label: 'chitchat', score: 0.55, reason: `a social line to the group ("${text.toLowerCase().match(SOCIAL_WORDS)?.[0] ?? ''}")`, kb: decision, chitchat: 'smalltalk' };
  }
  // Talk addressed to the bot that the KB knows nothing of (我能把你教坏吗, 刚才你说你叫啥来着): small
  // talk, not a store question to rephrase. 你们 is head office, 你好 a greeting before a question.
  if (decision.decision === 'none' && !signal && !work && ADDRESSES_BOT.test(normalized)) {
    return { label: 'chitchat', score: 0.5, reason: 'talk addressed to the bot, nothing the KB knows', kb: decision, chitchat: 'smalltalk' };
  }
  // A store request with a subject (总部发错货了 要换货, 总部发的货单价跟合同不一样) is not vague: it
  // names what it is about, the KB just has nothing on it. Asking to rephrase would not help; a person can.
  const named = domain.length > 0 || WORK_WORDS.test(normalized);
  if (named && length >= SUBJECT_REQUEST_MIN_CHARS && !isVague(normalized) && !ADDRESSES_BOT.test(normalized)) {
    return { label: 'complex', score: 0.5, reason: `a store request about ${domain[0] ?? normalized.match(WORK_WORDS)?.[0]} the KB has no answer for`, kb: decision };
  }
  const why = length < MIN_SPECIFIC_CHARS ? `too short (${length} chars)` : `KB has no match (best ${top ? top.score.toFixed(2) : 'none'})`;
  return { label: 'unclear', score: 0.5, reason: `${why}: ask to rephrase`, kb: decision };
}
