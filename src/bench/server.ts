/**
 * One benchmark server per process (pinned to its own core by the orchestrator):
 *   bare   fastify route answering 200 — the ceiling
 *   naive  fastify + one BullMQ Queue.add per request, no verification — what one writes first
 *   real   qunzhu's WeCom callback path (verify, decrypt, parse, dedupe, enqueue); `pumped` adds the
 *          ingest pump (stream → BullMQ), `e2e` adds the pump and the workers
 * argv: <kind> <config dir> ; prints "READY <url>" when listening.
 */
import { Queue } from 'bullmq';
import Fastify from 'fastify';
import pino from 'pino';
import { resolveConfigLocation } from '../config/load';
import { createRedis } from '../queue/redis';
import { startService } from '../service';

async function main(): Promise<void> {
  const [kind, dir] = process.argv.slice(2);
  const location = resolveConfigLocation(dir);
  if (kind === 'real' || kind === 'pumped' || kind === 'e2e') {
    const svc = await startService({ location, logger: pino({ level: 'warn' }), listen: true, workers: kind === 'e2e', pump: kind !== 'real', watchConfig: false });
    process.stdout.write(`READY ${svc.url}\n`);
    process.on('SIGTERM', () => void svc.close().then(() => process.exit(0)));
    return;
  }
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  let close = async (): Promise<void> => undefined;
  if (kind === 'bare') {
    app.post('/callbacks/wecom/:botId', async (_req, reply) => reply.code(200).send(''));
  } else if (kind === 'naive') {
    const prefix = process.env.BENCH_PREFIX ?? 'qzbench';
    const conn = createRedis('redis://127.0.0.1:6379', 'producer');
    const queue = new Queue('naive', { connection: conn, prefix, defaultJobOptions: { removeOnComplete: true } });
    app.post('/callbacks/wecom/:botId', async (req, reply) => {
      await queue.add('cb', { body: req.body as string, query: req.query });
      return reply.code(200).send('');
    });
    close = async () => {
      await queue.close();
      await conn.quit();
    };
  } else {
    throw new Error(`unknown server kind ${kind}`);
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`READY ${url}\n`);
  process.on('SIGTERM', () => void app.close().then(close).then(() => process.exit(0)));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server failed: ${String(err)}\n`);
  process.exit(1);
});
