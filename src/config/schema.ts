/**
 * The one source of truth for qunzhu's YAML configuration. Error messages, README docs and
 * `qunzhu config check` all derive from this schema; keep `.describe()` texts useful to an admin.
 */
import { z } from 'zod';
import { DEFAULT_BANDS } from '../kb/model';
import { DEFAULT_FAILURE_PHRASES, DEFAULT_HANDOFF_PHRASES } from '../pipeline/phrase-lists';

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, '只能包含字母、数字、- 和 _ (letters, digits, - and _), 1–64 chars');

export const serverSchema = z
  .object({
    host: z.string().default('0.0.0.0').describe('HTTP listen address'),
    port: z.number().int().min(0).max(65535).default(8080).describe('HTTP listen port (env PORT overrides)'),
    publicUrl: z
      .string()
      .url()
      .optional()
      .describe('Public base URL WeCom reaches us at, used to print the callback URL to paste into the admin console'),
    bodyLimitBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(256 * 1024)
      .describe('Largest accepted callback body; larger bodies get 413'),
  })
  .strict();

export const redisSchema = z
  .object({
    url: z.string().default('redis://127.0.0.1:6379').describe('Redis URL (env REDIS_URL overrides)'),
    keyPrefix: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/)
      .default('qz')
      .describe('Prefix of every Redis key and BullMQ queue, so several deployments can share one Redis'),
  })
  .strict();

export const platformsSchema = z
  .object({
    wecom: z
      .object({
        apiBase: z
          .string()
          .url()
          .default('https://qyapi.weixin.qq.com')
          .describe('WeCom API base URL (env WECOM_API_BASE overrides); point it at a proxy for on-premise setups'),
      })
      .strict()
      .default({ apiBase: 'https://qyapi.weixin.qq.com' }),
    dingtalk: z
      .object({
        apiBase: z.string().url().default('https://api.dingtalk.com').describe('env DINGTALK_API_BASE overrides'),
        oapiBase: z.string().url().default('https://oapi.dingtalk.com').describe('env DINGTALK_OAPI_BASE overrides'),
      })
      .strict()
      .default({ apiBase: 'https://api.dingtalk.com', oapiBase: 'https://oapi.dingtalk.com' }),
  })
  .strict();

export const securitySchema = z
  .object({
    timestampWindowSeconds: z
      .number()
      .int()
      .min(10)
      .max(86400)
      .default(300)
      .describe('Reject callbacks whose timestamp is further than this from our clock (replay protection)'),
    dedupeTtlSeconds: z
      .number()
      .int()
      .min(60)
      .default(86400)
      .describe('How long a message id is remembered to drop platform retries'),
  })
  .strict();

export const wecomBotSchema = z
  .object({
    id: id.describe('Our name for the bot; the callback URL is /callbacks/wecom/<id>'),
    platform: z.literal('wecom'),
    name: z.string().min(1).describe('Display name, as members see it (used to strip @-mentions)'),
    mode: z
      .enum(['aibot', 'group-robot'])
      .default('aibot')
      .describe('aibot = 智能机器人 (JSON callbacks); group-robot = 群机器人回调 (内测, XML or JSON)'),
    token: z.string().min(1).describe('Callback Token from the WeCom console'),
    encodingAESKey: z
      .string()
      .regex(/^[A-Za-z0-9]{43}$/, 'EncodingAESKey must be exactly 43 letters/digits, as shown in the WeCom console')
      .describe('Callback EncodingAESKey from the WeCom console'),
    webhookKey: z
      .string()
      .min(1)
      .optional()
      .describe('Key of a 群机器人 webhook (消息推送) used when no response_url is usable; per-group keys win'),
  })
  .strict();

export const botSchema = z.discriminatedUnion('platform', [wecomBotSchema]);

export const groupSchema = z
  .object({
    id: z.string().min(1).describe('The platform chat id (WeCom chatid)'),
    bot: id.describe('Id of the bot serving this group'),
    name: z.string().min(1).describe('Group name as staff know it, e.g. 华东区加盟商服务群'),
    tags: z
      .record(z.string(), z.string())
      .default({})
      .describe('Free tags such as region/brand/storeType; later features target groups by tag'),
    webhookKey: z.string().min(1).optional().describe('群机器人 webhook key for this group'),
    rules: z.string().min(1).optional().describe('This group\'s rules, posted on 「/规则」 or 「群规」 (default: messages.rules); {bot}, {group}'),
  })
  .strict();

export const kbConfigSchema = z
  .object({
    files: z
      .array(z.string().min(1))
      .min(1)
      .default(['kb/*.yaml'])
      .describe('KB files or globs (*.yaml), relative to the config directory'),
    answerThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_BANDS.answerThreshold)
      .describe('Confidence (calibrated probability that the answer is right) at or above which the bot answers directly; the default is fitted (npm run kb:fit)'),
    clarifyThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(DEFAULT_BANDS.clarifyThreshold)
      .describe('Confidence at or above which the bot offers its best 2–3 candidates to choose from instead of handing over; the default is fitted'),
    nameQuestionBelow: z
      .number()
      .min(0)
      .max(1)
      .default(0.8)
      .describe('A direct answer less confident than this says which question it answers (conversation.inferredAnswer), so a near miss shows at once; 0 = never'),
    embeddings: z
      .object({
        baseUrl: z.string().url().describe('OpenAI-compatible server (Ollama, Xinference, vLLM or a cloud API), e.g. http://127.0.0.1:11434/v1'),
        model: z.string().min(1).describe('Embeddings model, e.g. bge-m3 or m3e-base'),
        apiKey: z.string().min(1).optional().describe('Bearer key, if the server needs one (use ${ENV_VAR}); never logged'),
        dimensions: z.number().int().min(1).optional().describe('Ask for shorter vectors (only models trained for it)'),
        timeoutMs: z.number().int().min(100).default(3000).describe('Per request; a slow or failing server only costs the semantic signal, answers go on lexically'),
        batchSize: z.number().int().min(1).max(2048).default(32).describe('Texts per request when embedding the KB'),
        cacheDir: z.string().default('data/embeddings-cache').describe('Where question vectors are cached on disk (keyed by model and text hash), relative to the working directory'),
        weight: z.number().min(0).max(50).default(4).describe('How much the semantic signal counts: ranker points per unit of cosine above the candidates\' mean'),
      })
      .strict()
      .optional()
      .describe('Optional embeddings provider fused with the lexical signals; off when absent'),
    synonyms: z
      .array(z.array(z.string().min(1)).min(2, 'a synonym group needs at least two words, the canonical one first'))
      .default([])
      .describe('Extra synonym groups, canonical word first, e.g. [[会员卡, 会员, vip卡], [收银机, 收款机]]; added to the built-in ones'),
  })
  .strict();

export const outboxSchema = z
  .object({
    webhookPerMinute: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(20)
      .describe('Messages per minute per webhook (WeCom allows 20); excess waits in the queue'),
    maxAttempts: z.number().int().min(1).max(50).default(8).describe('Send attempts before dead-lettering'),
    backoffMs: z.number().int().min(10).default(1000).describe('First retry delay; doubles each attempt'),
  })
  .strict();

export const messagesSchema = z
  .object({
    handoffAck: z
      .string()
      .default('已收到，这个问题需要人工同事处理，我已转给值班同事，预计 {eta}内回复您。')
      .describe('Sent when a complex question is handed to a person ({eta} = expected time)'),
    urgentAck: z
      .string()
      .default('⚠️ 已标记为紧急问题，正在通知值班负责人，请保持电话畅通。如涉及人身安全，请先拨打 110/119/120。')
      .describe('Sent when a message is classified urgent'),
    clarify: z
      .string()
      .default('您是想问哪一个？\n{options}\n回复序号即可；都不是的话回复「人工」，我转给同事。')
      .describe('Clarifying question; {options} = numbered candidate questions'),
    upcoming: z
      .string()
      .default('「{question}」的说明 {from} 起生效，到时再 @我 就能看到。着急的话回复「人工」，我转给同事。')
      .describe('Sent when only an entry that has not started yet would answer ({question}, {from} = its effective_from)'),
    ended: z
      .string()
      .default('「{question}」已于 {until} 结束，目前没有新的说明。需要同事跟进的话回复「人工」。')
      .describe('Sent when only an entry that has ended would answer ({question}, {until} = its effective_until)'),
    unclear: z
      .string()
      .default('抱歉，我没太理解，能再具体说说是什么问题吗？比如：哪个系统、哪一步、出现了什么提示。')
      .describe('Asked when a message is too vague to act on'),
    chitchat: z.string().default('不客气，有问题随时 @我 😊').describe('Short reply to thanks / greetings; empty = stay silent'),
    smallTalk: z
      .string()
      .default('😊 我是门店助手，门店工作上的问题随时 @我。')
      .describe('Reply to small talk that is not a thanks or an acknowledgement (你是机器人吗, 今天好累); empty = stay silent'),
    offTopic: z
      .string()
      .default('这个我帮不上忙哦～我只负责门店工作上的问题（收银、订货、会员、排班、设备、食品安全等），有需要随时 @我。')
      .describe('One-line scope reply to requests outside store work (weather, music, stocks…); empty = stay silent'),
    rules: z
      .string()
      .default(
        '📌 {group}群规：\n1. 门店工作上的问题请 @{bot} 提问，一条消息说清一件事（哪个门店、什么系统、出现了什么提示）；\n2. 紧急情况（人身安全、食品安全、停电漏水、顾客冲突）请直接说明现场情况，我会立即通知值班负责人；\n3. 涉及具体订单、金额、工资的问题会转给同事跟进，请勿在群里发身份证号、银行卡号等个人信息；\n4. 请勿发广告、与工作无关的链接，也请不要刷屏。',
      )
      .describe('The group rules posted on 「/规则」 or 「群规」 when the group sets none (groups[].rules); {bot} = bot name, {group} = group name'),
    status: z
      .string()
      .default('✅ {bot} 在线。知识库 {entries} 条（{categories}），配置加载于 {loadedAt}。')
      .describe('Reply to 「/状态」: {bot}, {entries} = KB entries, {categories} = KB categories, {loadedAt} = when the config and KB were (re)loaded, Asia/Shanghai'),
    unknownCommand: z
      .string()
      .default('没有「/{command}」这个指令。可用的指令：/帮助（可加分类，如「/帮助 外卖」）、/人工、/规则、/状态；门店问题直接 @我 提问即可。')
      .describe('Reply to a slash command that does not exist; {command} = what was typed'),
    help: z
      .string()
      .default(
        '我是{bot}，可以帮您：\n1. 回答门店常见问题（收银、会员、订货、排班、报销等），直接 @我 提问即可，发送「帮助 外卖」可查看某一类的常见问题；\n2. 紧急情况（停电、漏水、设备故障、食品安全、顾客纠纷）会立即通知值班负责人；\n3. 复杂问题会转人工处理。\n发送「帮助」可再次查看本说明。',
      )
      .describe('Reply to 帮助 / help ({bot} = bot name)'),
    helpTopic: z
      .string()
      .default('「{topic}」相关的常见问题：\n{options}\n回复序号即可查看答案，也可以直接 @我 提问。')
      .describe('Reply to 帮助 + a subject (帮助 外卖): {topic}, {options} = its KB questions, numbered; a reply of the number gets that answer'),
    helpTopicNone: z
      .string()
      .default('没有找到和「{topic}」相关的常见问题。可以试试：{categories}；或者直接 @我 描述您的问题。')
      .describe('Reply when no KB question is about the subject asked for ({topic}, {categories} = the KB categories)'),
    handoffEta: z.string().default('30 分钟').describe('Expected human response time shown in acknowledgements'),
  })
  .strict();

export const conversationSchema = z
  .object({
    contextTtlSeconds: z
      .number()
      .int()
      .min(0)
      .max(86400)
      .default(300)
      .describe('How long the bot remembers its last answer to a person in a group, for follow-ups ("那会员卡呢？") and complaints ("没用"); 0 = every message stands alone'),
    clarifyTtlSeconds: z
      .number()
      .int()
      .min(0)
      .max(86400)
      .default(300)
      .describe('How long a numbered clarify list stays valid: within it, "2" from the same person picks option 2; 0 = numbers are never read as choices'),
    feedbackTtlSeconds: z
      .number()
      .int()
      .min(3600)
      .max(90 * 86400)
      .default(7 * 86400)
      .describe('How long the bot remembers which KB entry answered which message, so WeCom 👍/👎 feedback is counted for that entry'),
    failurePhrases: z
      .array(z.string().min(1))
      .default([...DEFAULT_FAILURE_PHRASES])
      .describe('Said after an answer ("没用", "不对", "还是不行"), they count as a failed answer for that entry and hand the question to a person'),
    handoffPhrases: z
      .array(z.string().min(1))
      .default([...DEFAULT_HANDOFF_PHRASES])
      .describe('Requests for a person ("转人工", "人工"): always handed off; right after an answer they also count against it'),
    inferredAnswer: z
      .string()
      .default('关于「{question}」：\n{answer}')
      .describe('Answer to a clarify choice ("2"), a follow-up ("那会员卡呢？") or a direct answer below kb.nameQuestionBelow, naming the question understood; {question}, {answer}'),
    relatedOptions: z
      .string()
      .default('相关的问题还有这些：\n{options}\n回复序号即可查看。')
      .describe('Reply to "还有呢" after an answer: other questions near the last one; {options} = numbered questions'),
  })
  .strict();

/** A regular expression an admin typed: rejected at load time with the regex engine's own message. */
const adminRegex = z.string().min(1).superRefine((src, ctx) => {
  try {
    new RegExp(src, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `不是有效的正则表达式 (not a valid regular expression): ${(err as Error).message}` });
  }
});

const urgentRuleSchema = z
  .object({
    topic: z.string().min(1).describe('What the rule detects; shown to the duty manager and in the reason'),
    severity: z.enum(['critical', 'high']).default('high').describe('critical = people or the building at risk; high = the store cannot operate, press or regulators'),
    words: z.array(z.string().min(1)).default([]).describe('Words or phrases; any one in a message makes it urgent'),
    pattern: adminRegex.optional().describe('A regular expression (on normalised text: half-width, lower-case, no punctuation) for shapes words cannot say'),
  })
  .strict()
  .refine((r) => r.words.length > 0 || r.pattern !== undefined, { message: 'give words or a pattern (or both)' });

const offTopicRuleSchema = z
  .object({
    topic: z.string().min(1).describe('What the rule detects, for the reason'),
    words: z.array(z.string().min(1)).default([]).describe('Words that make a message off-topic once the KB has no confident answer'),
    pattern: adminRegex.optional().describe('A regular expression on normalised text'),
  })
  .strict()
  .refine((r) => r.words.length > 0 || r.pattern !== undefined, { message: 'give words or a pattern (or both)' });

export const classifySchema = z
  .object({
    urgent: z
      .array(urgentRuleSchema)
      .default([])
      .describe('Your own urgent rules, checked before the built-in ones (fire, gas, injury, food safety, police, fights, power, water, press, regulators, whole-store system down)'),
    notUrgent: z
      .array(z.string().min(1))
      .default([])
      .describe('Words that make an alarming message routine ("演练", "检修通知"): it goes to a person as a normal request, unless it also says it is happening now'),
    offTopic: z.array(offTopicRuleSchema).default([]).describe('Your own off-topic rules (e.g. competitor brands), added to the built-in ones'),
    urgentModel: z.boolean().default(true).describe('Also ask the learned urgent model when no urgent rule fires (false = rules only)'),
    urgentModelThreshold: z.number().gt(0).lte(1).optional().describe('Probability the urgent model must reach to page the duty manager (default: the fitted 0.5)'),
  })
  .strict();

export const configSchema = z
  .object({
    server: serverSchema.default(serverSchema.parse({})),
    redis: redisSchema.default(redisSchema.parse({})),
    platforms: platformsSchema.default(platformsSchema.parse({})),
    security: securitySchema.default(securitySchema.parse({})),
    bots: z.array(botSchema).min(1, 'at least one bot is needed'),
    groups: z.array(groupSchema).default([]),
    kb: kbConfigSchema.default(kbConfigSchema.parse({})),
    outbox: outboxSchema.default(outboxSchema.parse({})),
    messages: messagesSchema.default(messagesSchema.parse({})),
    conversation: conversationSchema.default(conversationSchema.parse({})),
    classify: classifySchema.default(classifySchema.parse({})),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const botIds = new Set<string>();
    cfg.bots.forEach((b, i) => {
      if (botIds.has(b.id)) ctx.addIssue({ code: 'custom', path: ['bots', i, 'id'], message: `duplicate bot id "${b.id}"` });
      botIds.add(b.id);
    });
    const groupIds = new Set<string>();
    cfg.groups.forEach((g, i) => {
      if (!botIds.has(g.bot))
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'bot'], message: `unknown bot "${g.bot}"; known: ${[...botIds].join(', ')}` });
      const key = `${g.bot}/${g.id}`;
      if (groupIds.has(key)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'id'], message: `duplicate group "${g.id}" for bot ${g.bot}` });
      groupIds.add(key);
    });
    if (cfg.kb.clarifyThreshold > cfg.kb.answerThreshold)
      ctx.addIssue({ code: 'custom', path: ['kb', 'clarifyThreshold'], message: 'must not be above kb.answerThreshold' });
  });

export type AppConfig = z.infer<typeof configSchema>;
export type BotConfig = z.infer<typeof botSchema>;
export type WecomBotConfig = z.infer<typeof wecomBotSchema>;
export type GroupConfig = z.infer<typeof groupSchema>;
