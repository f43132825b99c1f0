/**
 * `qunzhu chat`: a terminal group chat with the running service, over the production path.
 * Each line typed becomes a signed, AES-encrypted WeCom AI-bot callback posted to
 * /callbacks/wecom/<bot>; its response_url points at a WeCom send-side fake running in this
 * process, which prints whatever the bot posts into the "group".
 */
import crypto from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { resolveConfigLocation } from '../config/load';
import { loadConfig } from '../config/load';
import type { WecomBotConfig } from '../config/schema';
import { FakeWecomApi, type RecordedMessage } from '../devtools/wecom-fake-api';
import { aibotText, postCallback, signedCallback } from '../devtools/wecom-peer';

export interface ChatTarget {
  serviceUrl: string;
  bot: WecomBotConfig;
  chatId: string;
  groupName: string;
  userId: string;
}

export interface ChatTurn {
  status: number;
  ackMs: number;
  replies: RecordedMessage[];
  replyMs?: number;
}

/** Sends one line as a group member and waits (up to `waitMs`) for what the bot posts back. */
export async function sendChatLine(target: ChatTarget, api: FakeWecomApi, text: string, waitMs = 5000): Promise<ChatTurn> {
  const responseCode = crypto.randomBytes(12).toString('hex');
  const plaintext = aibotText({
    msgid: `chat-${Date.now()}-${crypto.randomBytes(4).toString('hex')}`,
    chatid: target.chatId,
    userid: target.userId,
    text: `@${target.bot.name} ${text}`,
    responseUrl: `${api.url}/cgi-bin/aibot/response?response_code=${responseCode}`,
  });
  const signed = signedCallback({ token: target.bot.token, aesKey: target.bot.encodingAESKey, plaintext, format: 'json' });
  const before = api.messages.length;
  const t0 = performance.now();
  const res = await postCallback(target.serviceUrl, target.bot.id, signed);
  const ackMs = performance.now() - t0;
  if (res.status !== 200) return { status: res.status, ackMs, replies: [] };
  const deadline = Date.now() + waitMs;
  // The first reply answers via response_url; give follow-ups (split parts) a moment to arrive.
  let firstAt: number | undefined;
  while (Date.now() < deadline) {
    if (api.messages.length > before && firstAt === undefined) firstAt = performance.now();
    if (firstAt !== undefined && performance.now() - firstAt > 300) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { status: res.status, ackMs, replies: api.messages.slice(before), replyMs: firstAt === undefined ? undefined : firstAt - t0 };
}

export function renderReply(m: RecordedMessage): string {
  const body = m.body as { msgtype?: string; markdown?: { content?: string }; text?: { content?: string; mentioned_list?: string[] } };
  const content = body.markdown?.content ?? body.text?.content ?? JSON.stringify(body);
  const mentions = body.text?.mentioned_list?.map((u) => `@${u} `).join('') ?? '';
  return `${mentions}${content.replace(/<@([^>]+)>/g, '@$1')}`;
}

export async function chatCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      url: { type: 'string' },
      bot: { type: 'string' },
      group: { type: 'string' },
      user: { type: 'string', default: 'zhangsan' },
    },
  });
  const { config } = loadConfig(resolveConfigLocation(values.config));
  const bot = config.bots.find((b) => (values.bot ? b.id === values.bot : b.platform === 'wecom'));
  if (!bot) throw new Error(`no WeCom bot ${values.bot ? `"${values.bot}" ` : ''}in the config; known: ${config.bots.map((b) => b.id).join(', ')}`);
  const group = config.groups.find((g) => g.bot === bot.id && (!values.group || g.id === values.group));
  const chatId = values.group ?? group?.id ?? 'wrkLocalChat';
  const serviceUrl = values.url ?? `http://127.0.0.1:${config.server.port}`;

  try {
    const res = await fetch(`${serviceUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new Error(`服务没有在 ${serviceUrl} 运行 (the service is not answering: ${(err as Error).message}). Start it first with \`npm start\` in another terminal, or pass --url.`, { cause: err });
  }

  const api = await FakeWecomApi.start();
  const target: ChatTarget = { serviceUrl, bot, chatId, groupName: group?.name ?? chatId, userId: values.user ?? 'zhangsan' };
  process.stdout.write(
    `已连接 ${serviceUrl}，机器人「${bot.name}」，群「${target.groupName}」，你是 ${target.userId}。\n` +
      `输入问题后回车（例如：收银机连不上网怎么办、会员积分怎么查、店里漏水了）。输入 /quit 退出。\n`,
  );
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: `[${target.groupName}] ${target.userId} > ` });
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit' || text === '/exit') break;
    if (text) {
      const turn = await sendChatLine(target, api, text);
      if (turn.status !== 200) process.stdout.write(`  ✘ 服务拒绝了回调 (callback rejected): HTTP ${turn.status}\n`);
      else if (!turn.replies.length) process.stdout.write(`  （机器人没有回复 no reply；ack ${turn.ackMs.toFixed(0)} ms）\n`);
      for (const m of turn.replies)
        process.stdout.write(`${bot.name} → ${renderReply(m)}\n  (ack ${turn.ackMs.toFixed(0)} ms, reply ${turn.replyMs?.toFixed(0) ?? '?'} ms, via ${m.via})\n`);
    }
    rl.prompt();
  }
  rl.close();
  await api.close();
  return 0;
}
