/**
 * WeCom's send side on localhost, speaking the real protocol and error codes
 * (../shared/PROTOCOLS.md §2.3 and §4): the group-robot webhook and the AI bot's response_url.
 * Used by `qunzhu chat`, tests and benchmarks; faults can be injected for the next calls.
 *
 * Assumption (undocumented by WeCom): a second use of a response_url answers errcode 40058
 * with a "response_code used" hint; an unknown response_code answers the same.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedMessage {
  via: 'webhook' | 'response_url';
  /** Webhook key or response_code. */
  key: string;
  body: unknown;
  at: number;
}

/** `pass` lets one call through untouched, to place a fault after it. */
export type Fault = { kind: 'pass' } | { kind: 'http'; status: number } | { kind: 'errcode'; errcode: number; errmsg: string } | { kind: 'delay'; ms: number } | { kind: 'drop' };

export interface FakeWecomApiOptions {
  /** Accepted webhook keys; undefined = any key except those in `invalidKeys`. */
  keys?: string[];
  invalidKeys?: string[];
  /** Per-key limit of the webhook (WeCom: 20 per minute). */
  webhookLimit?: number;
  webhookWindowMs?: number;
  port?: number;
}

const TEXT_MAX = 2048;
const MARKDOWN_MAX = 4096;
const RESPONSE_MAX = 20480;

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const s = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

const ok = { errcode: 0, errmsg: 'ok' };

export class FakeWecomApi {
  readonly messages: RecordedMessage[] = [];
  /** Every request, accepted or not (for asserting rate and retries). */
  readonly attempts: Array<{ path: string; at: number; answered: number | string }> = [];
  private readonly faults: Fault[] = [];
  private readonly usedCodes = new Set<string>();
  private readonly sendTimes = new Map<string, number[]>();
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly opts: FakeWecomApiOptions,
    readonly url: string,
  ) {}

  static async start(opts: FakeWecomApiOptions = {}): Promise<FakeWecomApi> {
    const server = http.createServer();
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const api = new FakeWecomApi(server, opts, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => void api.handle(req, res));
    return api;
  }

  /** The next calls (any route) meet these faults, in order. */
  injectFaults(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  waitForMessages(n: number, timeoutMs = 5000): Promise<RecordedMessage[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.messages.length >= n) {
          clearTimeout(timer);
          resolve(this.messages.slice());
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`fake WeCom API: expected ${n} messages, got ${this.messages.length} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (): void => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private record(m: RecordedMessage): void {
    this.messages.push(m);
    for (const w of this.waiters.slice()) w();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const fault = this.faults.shift();
    if (fault && fault.kind !== 'pass') {
      this.attempts.push({ path: url.pathname, at: Date.now(), answered: fault.kind });
      if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      else if (fault.kind === 'drop') return void req.socket.destroy();
      else if (fault.kind === 'http') return json(res, fault.status, { error: 'injected' });
      else return json(res, 200, { errcode: fault.errcode, errmsg: fault.errmsg });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return this.answer(url.pathname, res, { errcode: 40058, errmsg: 'invalid json' });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') return this.webhook(url, body, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/aibot/response') return this.aibotResponse(url, body, res);
    return json(res, 404, { errcode: 404, errmsg: 'not found' });
  }

  private answer(path: string, res: http.ServerResponse, body: { errcode: number; errmsg: string }): void {
    this.attempts.push({ path, at: Date.now(), answered: body.errcode });
    json(res, 200, body);
  }

  private webhook(url: URL, body: unknown, res: http.ServerResponse): void {
    const path = url.pathname;
    const key = url.searchParams.get('key') ?? '';
    const known = this.opts.keys ? this.opts.keys.includes(key) : key !== '' && !(this.opts.invalidKeys ?? []).includes(key);
    if (!known)
      return this.answer(path, res, {
        errcode: 93000,
        errmsg: 'invalid webhook url, hint: [1700000000_1_abc], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000',
      });
    const limit = this.opts.webhookLimit ?? 20;
    const windowMs = this.opts.webhookWindowMs ?? 60_000;
    const now = Date.now();
    const times = (this.sendTimes.get(key) ?? []).filter((t) => now - t < windowMs);
    if (times.length >= limit) {
      this.sendTimes.set(key, times);
      return this.answer(path, res, { errcode: 45009, errmsg: 'api freq out of limit' });
    }
    const invalid = validateWebhookBody(body);
    if (invalid) return this.answer(path, res, invalid);
    times.push(now);
    this.sendTimes.set(key, times);
    this.record({ via: 'webhook', key, body, at: now });
    this.answer(path, res, ok);
  }

  private aibotResponse(url: URL, body: unknown, res: http.ServerResponse): void {
    const code = url.searchParams.get('response_code') ?? '';
    if (!code || this.usedCodes.has(code)) return this.answer(url.pathname, res, { errcode: 40058, errmsg: 'invalid Request Parameter, hint: response_code used or expired' });
    const b = body as { msgtype?: string; markdown?: { content?: unknown }; template_card?: unknown };
    const content = b.markdown?.content;
    if (b.msgtype === 'markdown' && (typeof content !== 'string' || Buffer.byteLength(content) > RESPONSE_MAX))
      return this.answer(url.pathname, res, { errcode: 40058, errmsg: 'markdown.content exceed max length 20480' });
    if (b.msgtype !== 'markdown' && b.msgtype !== 'template_card') return this.answer(url.pathname, res, { errcode: 40008, errmsg: 'invalid message type' });
    this.usedCodes.add(code);
    this.record({ via: 'response_url', key: code, body, at: Date.now() });
    this.answer(url.pathname, res, ok);
  }
}

function validateWebhookBody(body: unknown): { errcode: number; errmsg: string } | undefined {
  const b = (body ?? {}) as { msgtype?: string; text?: { content?: unknown }; markdown?: { content?: unknown }; markdown_v2?: { content?: unknown } };
  const check = (content: unknown, max: number, field: string) =>
    typeof content !== 'string' || content === ''
      ? { errcode: 40058, errmsg: `${field} is empty` }
      : Buffer.byteLength(content) > max
        ? { errcode: 40058, errmsg: `${field} exceed max length ${max}` }
        : undefined;
  switch (b.msgtype) {
    case 'text':
      return check(b.text?.content, TEXT_MAX, 'text.content');
    case 'markdown':
      return check(b.markdown?.content, MARKDOWN_MAX, 'markdown.content');
    case 'markdown_v2':
      return check(b.markdown_v2?.content, MARKDOWN_MAX, 'markdown_v2.content');
    case 'image':
    case 'news':
    case 'file':
    case 'voice':
    case 'template_card':
      return undefined;
    default:
      return { errcode: 40008, errmsg: 'invalid message type' };
  }
}
