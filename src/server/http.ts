/** The HTTP face: platform callback routes plus health endpoints. No business logic lives here. */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { registerWecomRoutes } from '../channels/wecom/routes';
import type { Ingest } from '../queue/inbound';
import type { RuntimeStore } from '../runtime/store';

export interface HttpDeps {
  store: RuntimeStore;
  ingest: Ingest;
  redis: Redis;
  logger: Logger;
}

export function buildHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger at runtime; the generic types differ only in custom levels.
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Body limits are enforced per route from config; this is only the hard ceiling.
    bodyLimit: 10 * 1024 * 1024,
    // Per-request access logs would cost the ack path; rejections and decisions are logged instead.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, string> = {};
    try {
      await deps.redis.ping();
      checks.redis = 'ok';
    } catch (err) {
      checks.redis = `down: ${(err as Error).message}`;
    }
    const snap = deps.store.get();
    checks.config = `ok (${snap.config.bots.length} bots, ${snap.config.groups.length} groups, ${snap.kb.size} KB entries)`;
    const ready = checks.redis === 'ok';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });

  registerWecomRoutes(app, { getConfig: () => deps.store.get().config, ingest: deps.ingest });
  return app;
}
