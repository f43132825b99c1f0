/**
 * Child process for the crash test: runs the ingest pump and the real inbound worker (as a worker
 * process of a split deployment does), but its reply sink never
 * returns, so the job stays active until the parent kills this process with SIGKILL — a worker
 * dying after the callback was acknowledged.
 * argv: <config dir> <redis url>
 */
import pino from 'pino';
import { resolveConfigLocation } from '../../src/config/load';
import { RedisHandoffInbox } from '../../src/handoff/port';
import { startInboundWorker } from '../../src/queue/inbound-worker';
import { IngestPump } from '../../src/queue/ingest-pump';
import { createRedis } from '../../src/queue/redis';
import { loadSnapshot } from '../../src/runtime/snapshot';

const [dir] = process.argv.slice(2);
const snapshot = loadSnapshot(resolveConfigLocation(dir), {});
const { config } = snapshot;
const conn = createRedis(config.redis.url, 'worker');
new IngestPump({ connection: conn, prefix: config.redis.keyPrefix, logger: pino({ level: 'silent' }) }).start();
startInboundWorker({
  connection: conn,
  prefix: config.redis.keyPrefix,
  getSnapshot: () => snapshot,
  handoff: new RedisHandoffInbox(conn, config.redis.keyPrefix, () => '30 分钟'),
  logger: pino({ level: 'silent' }),
  outbox: {
    enqueue: () => {
      process.stdout.write('PROCESSING\n');
      return new Promise<void>(() => undefined); // hang: the parent kills us here
    },
  },
  // A short lock so the parent's worker notices the dead one quickly.
  workerOptions: { lockDuration: 1000, stalledInterval: 500 },
});
process.stdout.write('READY\n');
