/**
 * The WeCom side of a callback, built on the protocol with real crypto: what WeCom would POST to
 * us. Used by `qunzhu chat`, the tests and the benchmarks. Not used by the service itself.
 */
import { encrypt, getSignature } from '@wecom/crypto';
import crypto from 'node:crypto';

export interface SignedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string; echostr?: string };
  body: string;
  contentType: string;
}

export interface SignOptions {
  token: string;
  aesKey: string;
  plaintext: string;
  format: 'json' | 'xml';
  /** '' for the AI bot and the group robot (the default); a CorpID for app callbacks. */
  receiveId?: string;
  /** Unix seconds as a string; default now. */
  timestamp?: string;
  nonce?: string;
  /** Fixed 16 random bytes make the ciphertext deterministic (golden vectors). */
  random?: Buffer;
}

export function signedCallback(o: SignOptions): SignedCallback {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? crypto.randomBytes(6).toString('hex');
  const enc = encrypt(o.aesKey, o.plaintext, o.receiveId ?? '', o.random);
  const query = { msg_signature: getSignature(o.token, timestamp, nonce, enc), timestamp, nonce };
  if (o.format === 'json') return { query, body: JSON.stringify({ encrypt: enc }), contentType: 'application/json' };
  return { query, body: `<xml><ToUserName><![CDATA[${o.receiveId ?? ''}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`, contentType: 'text/xml' };
}

/** GET URL verification: echostr is the encrypted `echo`, signed like a message. */
export function urlVerification(o: { token: string; aesKey: string; echo: string; receiveId?: string; timestamp?: string; nonce?: string }): SignedCallback['query'] {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = o.nonce ?? crypto.randomBytes(6).toString('hex');
  const echostr = encrypt(o.aesKey, o.echo, o.receiveId ?? '');
  return { msg_signature: getSignature(o.token, timestamp, nonce, echostr), timestamp, nonce, echostr };
}

// ---------- AI bot (智能机器人) plaintexts ----------

export interface AibotTextOptions {
  msgid: string;
  chatid?: string;
  userid: string;
  text: string;
  responseUrl?: string;
  quote?: string;
  aibotid?: string;
}

export function aibotText(o: AibotTextOptions): string {
  return JSON.stringify({
    msgid: o.msgid,
    aibotid: o.aibotid ?? 'AIBOTID',
    ...(o.chatid ? { chatid: o.chatid, chattype: 'group' } : { chattype: 'single' }),
    from: { userid: o.userid },
    response_url: o.responseUrl ?? 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE',
    msgtype: 'text',
    text: { content: o.text },
    ...(o.quote ? { quote: { msgtype: 'text', text: { content: o.quote } } } : {}),
  });
}

export function aibotFeedback(o: { msgid: string; chatid?: string; userid: string; feedbackId: string; type: 1 | 2 | 3; content?: string }): string {
  return JSON.stringify({
    msgid: o.msgid,
    create_time: Math.floor(Date.now() / 1000),
    aibotid: 'AIBOTID',
    ...(o.chatid ? { chatid: o.chatid, chattype: 'group' } : { chattype: 'single' }),
    from: { corpid: 'wpCORPID', userid: o.userid },
    msgtype: 'event',
    event: { eventtype: 'feedback_event', feedback_event: { id: o.feedbackId, type: o.type, content: o.content ?? '' } },
  });
}

// ---------- Group-robot callback (群机器人回调) plaintexts ----------

export interface RobotMessageOptions {
  msgid: string;
  chatid: string;
  userid: string;
  name?: string;
  text: string;
  webhookUrl?: string;
}

export function groupRobotTextXml(o: RobotMessageOptions): string {
  return (
    `<xml><WebhookUrl><![CDATA[${o.webhookUrl ?? 'http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WEBHOOK'}]]></WebhookUrl>` +
    `<MsgId>${o.msgid}</MsgId><ChatId><![CDATA[${o.chatid}]]></ChatId><ChatType>group</ChatType>` +
    `<From><UserId>${o.userid}</UserId><Name><![CDATA[${o.name ?? o.userid}]]></Name><Alias><![CDATA[${o.userid}]]></Alias></From>` +
    `<GetChatInfoUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=CODE]]></GetChatInfoUrl>` +
    `<MsgType>text</MsgType><Text><Content><![CDATA[${o.text}]]></Content></Text></xml>`
  );
}

export function groupRobotTextJson(o: RobotMessageOptions): string {
  return JSON.stringify({
    webhook_url: o.webhookUrl ?? 'http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WEBHOOK',
    msgid: o.msgid,
    chatid: o.chatid,
    chattype: 'group',
    from: { userid: o.userid, name: o.name ?? o.userid, alias: o.userid },
    get_chat_info_url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/get_chat_info?code=CODE',
    msgtype: 'text',
    text: { content: o.text },
  });
}

export function groupRobotEventXml(o: { chatid: string; userid: string; eventType: 'add_to_chat' | 'delete_from_chat' | 'enter_chat'; webhookUrl?: string }): string {
  return (
    `<xml><WebhookUrl><![CDATA[${o.webhookUrl ?? 'http://in.qyapi.weixin.qq.com/cgi-bin/webhook/send?key=WEBHOOK'}]]></WebhookUrl>` +
    `<ChatId><![CDATA[${o.chatid}]]></ChatId><ChatType>group</ChatType>` +
    `<From><UserId>${o.userid}</UserId><Name><![CDATA[${o.userid}]]></Name></From>` +
    `<MsgType>event</MsgType><Event><EventType><![CDATA[${o.eventType}]]></EventType></Event></xml>`
  );
}

export function groupRobotEventJson(o: { chatid: string; userid: string; eventType: 'add_to_chat' | 'delete_from_chat' | 'enter_chat' }): string {
  return JSON.stringify({ chatid: o.chatid, chattype: 'group', from: { userid: o.userid }, msgtype: 'event', event: { event_type: o.eventType } });
}

/** POSTs a signed callback the way WeCom does. */
export async function postCallback(baseUrl: string, botId: string, signed: SignedCallback, path = 'wecom'): Promise<{ status: number; body: string }> {
  const qs = new URLSearchParams(signed.query).toString();
  const res = await fetch(`${baseUrl}/callbacks/${path}/${botId}?${qs}`, {
    method: 'POST',
    headers: { 'content-type': signed.contentType },
    body: signed.body,
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text() };
}
