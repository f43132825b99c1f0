/**
 * WeCom callback routes: GET (URL verification) and POST (messages and events) at
 * /callbacks/wecom/:botId. The POST path does only verify → decrypt → parse → ingest → 200, so the
 * 5-second deadline is never at risk; everything else happens behind the queue.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig, WecomBotConfig } from '../../config/schema';
import type { Ingest } from '../../queue/inbound';
import { WecomCrypto, type RejectReason } from './crypto';
import { extractEncrypt, parseAibotPlaintext, parseGroupRobotPlaintext } from './parse';

export interface WecomRouteDeps {
  getConfig: () => AppConfig;
  ingest: Ingest;
  /** Clock in ms (tests move it to check the replay window). */
  now?: () => number;
}

const STATUS: Record<RejectReason, number> = {
  missing_params: 400,
  bad_base64: 400,
  decrypt_failed: 400,
  malformed_body: 400,
  malformed_payload: 400,
  bad_signature: 401,
  stale_timestamp: 401,
  wrong_receiveid: 403,
  unknown_bot: 404,
  body_too_large: 413,
};

interface CallbackQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

/** Crypto objects are cheap but not free; cache per bot and rebuild when the bot's secrets change. */
class CryptoCache {
  private readonly cache = new Map<string, { token: string; key: string; crypto: WecomCrypto }>();

  get(bot: WecomBotConfig): WecomCrypto {
    const hit = this.cache.get(bot.id);
    if (hit && hit.token === bot.token && hit.key === bot.encodingAESKey) return hit.crypto;
    const crypto = new WecomCrypto({ token: bot.token, encodingAESKey: bot.encodingAESKey, receiveId: '' });
    this.cache.set(bot.id, { token: bot.token, key: bot.encodingAESKey, crypto });
    return crypto;
  }
}

function reject(req: FastifyRequest, reply: FastifyReply, reason: RejectReason, botId: string): FastifyReply {
  req.log.warn({ event: 'callback_rejected', platform: 'wecom', reason, botId, ip: req.ip }, `WeCom callback rejected: ${reason}`);
  return reply.code(STATUS[reason]).type('text/plain').send(reason);
}

function findBot(cfg: AppConfig, botId: string): WecomBotConfig | undefined {
  return cfg.bots.find((b) => b.id === botId && b.platform === 'wecom');
}

export function registerWecomRoutes(app: FastifyInstance, deps: WecomRouteDeps): void {
  const now = deps.now ?? Date.now;
  const cryptos = new CryptoCache();
  const startupLimit = deps.getConfig().server.bodyLimitBytes;

  void app.register(async (scope) => {
    // Callbacks are read as raw text whatever the Content-Type says: the AI bot's type is not
    // documented, and XML vs JSON is decided by looking at the body.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    scope.setErrorHandler((err: { code?: string; statusCode?: number; message: string }, req, reply) => {
      const botId = (req.params as { botId?: string }).botId ?? '?';
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reject(req, reply, 'body_too_large', botId);
      if (err.statusCode && err.statusCode < 500) return reject(req, reply, 'malformed_body', botId);
      req.log.error({ event: 'callback_error', botId, error: err.message }, 'WeCom callback failed');
      return reply.code(500).send('internal error');
    });

    // Refuse oversized bodies before reading them, using the current (hot-reloaded) limit.
    scope.addHook('onRequest', async (req, reply) => {
      const len = Number(req.headers['content-length'] ?? 0);
      if (len > deps.getConfig().server.bodyLimitBytes) {
        const botId = (req.params as { botId?: string }).botId ?? '?';
        return reject(req, reply, 'body_too_large', botId);
      }
    });

    scope.get<{ Params: { botId: string }; Querystring: CallbackQuery }>('/callbacks/wecom/:botId', async (req, reply) => {
      const cfg = deps.getConfig();
      const bot = findBot(cfg, req.params.botId);
      if (!bot) return reject(req, reply, 'unknown_bot', req.params.botId);
      const q = req.query;
      const opened = cryptos
        .get(bot)
        .open({ msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: q.echostr }, Math.floor(now() / 1000), cfg.security.timestampWindowSeconds);
      if (!opened.ok) return reject(req, reply, opened.reason, bot.id);
      req.log.info({ event: 'url_verified', platform: 'wecom', botId: bot.id }, 'WeCom URL verification answered');
      // The bare plaintext: no quotes, no BOM, no newline (WeCom compares it byte for byte).
      return reply.code(200).type('text/plain; charset=utf-8').send(opened.plaintext);
    });

    scope.post<{ Params: { botId: string }; Querystring: CallbackQuery; Body: string }>(
      '/callbacks/wecom/:botId',
      { bodyLimit: Math.max(startupLimit, 1024) },
      async (req, reply) => {
        const receivedAt = now();
        const cfg = deps.getConfig();
        const bot = findBot(cfg, req.params.botId);
        if (!bot) return reject(req, reply, 'unknown_bot', req.params.botId);
        const body = typeof req.body === 'string' ? req.body : '';
        if (Buffer.byteLength(body) > cfg.server.bodyLimitBytes) return reject(req, reply, 'body_too_large', bot.id);
        const env = extractEncrypt(body);
        if (!env.ok) return reject(req, reply, env.reason, bot.id);
        const q = req.query;
        const opened = cryptos
          .get(bot)
          .open({ msgSignature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: env.encrypt }, Math.floor(receivedAt / 1000), cfg.security.timestampWindowSeconds);
        if (!opened.ok) return reject(req, reply, opened.reason, bot.id);
        const ctx = { botId: bot.id, botName: bot.name, receivedAt };
        const parsed = bot.mode === 'aibot' ? parseAibotPlaintext(opened.plaintext, ctx) : parseGroupRobotPlaintext(opened.plaintext, ctx);
        if (!parsed.ok) return reject(req, reply, parsed.reason, bot.id);
        if (parsed.event) {
          try {
            await deps.ingest.accept(parsed.event);
          } catch (err) {
            // Not acknowledged: WeCom retries, so nothing is lost while Redis is away.
            req.log.error({ event: 'ingest_failed', botId: bot.id, error: (err as Error).message }, 'cannot queue callback (Redis down?); answering 503 so WeCom retries');
            return reply.code(503).type('text/plain').send('temporarily unavailable');
          }
        }
        // An empty 200 means "received, no passive reply"; answers go out via response_url/webhook.
        return reply.code(200).type('text/plain').send('');
      },
    );
  });
}
