/**
 * `npm run bench:ingest`: callback ingest throughput and latency, three servers in one run.
 *
 *   1. closed-loop throughput of bare (ceiling), naive (fastify + Queue.add) and real (the WeCom
 *      AI-bot callback path of startService, workers off) — same generator, same connections;
 *      then "pumped": real plus the ingest pump (stream → BullMQ inbound queue) in the same
 *      process, so the whole cost of getting an event into BullMQ is shown on one core too;
 *   2. ack latency of the real path at a steady (open-loop, paced) 1,000 requests/s;
 *   3. end-to-end latency at a steady 200 messages/s with workers on: callback sent → reply
 *      arriving at a fake WeCom send API run here (matched by response_code).
 *
 * Each server runs in a child process pinned to core 0; this process (load generator and fake
 * send API) re-executes itself pinned to core 1. Redis floats over both cores, so its CPU and any
 * other load on the machine are measured and printed: figures are only comparable within one run,
 * which is why every run measures its own baselines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { parseDocument } from 'yaml';
import { FakeWecomApi } from '../devtools/wecom-fake-api';
import { createRedis, deleteByPrefix } from '../queue/redis';
import { BENCH_BOT, prepareCallbacks } from './callbacks';
import { CpuWindow, type CpuShares } from './cpu';
import { closedLoop, openLoop, type LoadFigures, type RequestPool } from './loadgen';

const SERVER_CORE = '0';
const GENERATOR_CORE = '1';
const WARMUP_SECONDS = 2;
/** A process using this share of a core or more is saturated. */
const SATURATED = 0.9;
/** Unexplained machine load above this share of a core makes a window suspect. */
const NOISY = 0.25;

const USAGE = `usage: node dist/bench/ingest.js [--seconds N] [--connections N] [--skip-e2e] [--e2e-only] [--e2e-rate N]
  --seconds      timed window per measurement, after a ${WARMUP_SECONDS} s warm-up (default 10)
  --connections  keep-alive connections of the throughput runs (default 50)
  --skip-e2e     skip the end-to-end run (workers on)
  --e2e-only     only the end-to-end run
  --e2e-rate     messages per second of the end-to-end run (default 200)`;

type ServerKind = 'bare' | 'naive' | 'real' | 'pumped' | 'e2e';

interface Throughput extends LoadFigures {
  cpu: CpuShares;
}

const out = (s = ''): void => void process.stdout.write(s + '\n');
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '-');

function hasTaskset(): boolean {
  return spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;
}

/** A config dir for the service: the example config and KB, one bench bot, our own Redis prefix. */
function benchConfig(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-bench-'));
  const example = path.resolve(__dirname, '../../config');
  fs.cpSync(path.join(example, 'kb'), path.join(dir, 'kb'), { recursive: true });
  const cfg = parseDocument(fs.readFileSync(path.join(example, 'qunzhu.yaml'), 'utf8')).toJS() as Record<string, unknown>;
  cfg.server = { host: '127.0.0.1', port: 0 };
  cfg.redis = { url: 'redis://127.0.0.1:6379', keyPrefix: prefix };
  cfg.bots = [{ id: BENCH_BOT.id, platform: 'wecom', name: BENCH_BOT.name, token: BENCH_BOT.token, encodingAESKey: BENCH_BOT.aesKey }];
  cfg.groups = [];
  fs.writeFileSync(path.join(dir, 'qunzhu.yaml'), JSON.stringify(cfg, null, 2));
  return dir;
}

/** Children still running, so a failing run does not leave servers behind. */
const children = new Set<ChildProcess>();

async function startServer(kind: ServerKind, dir: string, prefix: string, pin: boolean): Promise<{ child: ChildProcess; url: URL }> {
  const script = path.join(__dirname, 'server.js');
  // A server confined to one core gains nothing from V8's parallel GC helpers, which then only
  // compete with the main thread for that core (measured: ack p99 at 1,000 req/s roughly halves).
  // Every server kind gets the same flag, so ratios stay fair; see docs/bench.md.
  const node = pin ? [process.execPath, '--single-threaded-gc', script, kind, dir] : [process.execPath, script, kind, dir];
  const [cmd, args] = pin ? ['taskset', ['-c', SERVER_CORE, ...node]] : [node[0]!, node.slice(1)];
  // taskset execs node, so child.pid is the server's pid (CPU accounting relies on it).
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PREFIX: prefix, LOG_LEVEL: 'warn' } });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 20 s`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /READY (\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, url: new URL(url) };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function withServer<T>(kind: ServerKind, dir: string, prefix: string, pin: boolean, fn: (url: URL, pid: number) => Promise<T>): Promise<T> {
  const { child, url } = await startServer(kind, dir, prefix, pin);
  try {
    return await fn(url, child.pid!);
  } finally {
    await stopServer(child);
  }
}

/** Which resource most likely limited a closed-loop run (a hint, not a proof). */
function bound(cpu: CpuShares): string {
  if (cpu.generator >= SATURATED) return 'GENERATOR-bound: figure is a lower bound';
  if (cpu.server >= SATURATED) return 'server CPU';
  if (cpu.server >= 0.75) return 'mostly server CPU, plus waits on Redis round trips';
  return 'waits on Redis round trips / cores shared with Redis';
}

async function throughput(kind: ServerKind, dir: string, prefix: string, pool: RequestPool, pin: boolean, seconds: number, connections: number, redis: Redis): Promise<Throughput> {
  return withServer(kind, dir, prefix, pin, async (url, pid) => {
    await closedLoop(url, pool, { seconds: WARMUP_SECONDS, connections }); // JIT, connections, Redis scripts
    const window = await CpuWindow.start(pid, redis);
    const figures = await closedLoop(url, pool, { seconds, connections });
    return { ...figures, cpu: await window.stop() };
  });
}

function printThroughput(results: Partial<Record<ServerKind, Throughput>>): void {
  out('server   req/s   ack p50   p99     max  non-2xx err | CPU (share of a core): server  generator  redis  other   limited by');
  for (const [kind, f] of Object.entries(results)) {
    out(
      `${kind.padEnd(6)} ${f.rps.toFixed(0).padStart(7)} ${ms(f.p50).padStart(7)} ${ms(f.p99).padStart(6)} ${ms(f.max).padStart(7)} ${String(f.non2xx).padStart(8)} ${String(f.errors).padStart(3)} |` +
        `${pct(f.cpu.server).padStart(29)} ${pct(f.cpu.generator).padStart(10)} ${pct(f.cpu.redis).padStart(6)} ${pct(f.cpu.other).padStart(6)}   ${bound(f.cpu)}`,
    );
  }
  for (const [kind, f] of Object.entries(results)) {
    if (f.cpu.generator >= SATURATED) out(`⚠ ${kind}: the load generator was saturated (${pct(f.cpu.generator)} of a core); ${kind}'s req/s is a lower bound`);
    if (f.cpu.other >= NOISY) out(`⚠ ${kind}: something else used ${pct(f.cpu.other)} of a core during the window; rerun on a quiet machine`);
    if (f.non2xx || f.errors) out(`⚠ ${kind}: ${f.non2xx} non-2xx answers and ${f.errors} connection errors`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      'skip-e2e': { type: 'boolean', default: false },
      'e2e-only': { type: 'boolean', default: false },
      'e2e-rate': { type: 'string', default: '200' },
      help: { type: 'boolean', default: false },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const e2eRate = Number(values['e2e-rate']);
  if (values.help || !(seconds > 0) || !(connections > 0) || !(e2eRate > 0)) {
    out(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const pin = hasTaskset() && os.cpus().length >= 2;
  if (pin && process.env.QZ_BENCH_PINNED !== '1') {
    // Re-run this process pinned to the generator core.
    const r = spawnSync('taskset', ['-c', GENERATOR_CORE, process.execPath, __filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, QZ_BENCH_PINNED: '1' } });
    process.exit(r.status ?? 1);
  }

  const prefix = `qzbench-${process.pid}`;
  // The end-to-end run gets its own prefix: it must not inherit the throughput runs' backlog.
  // So do the pumped run (it would start by draining the real runs' stream) and nothing else.
  const prefixes = [prefix, `${prefix}e`, `${prefix}p`];
  const dir = benchConfig(prefix);
  const e2eDir = benchConfig(`${prefix}e`);
  const pumpedDir = benchConfig(`${prefix}p`);
  const api = await FakeWecomApi.start({ webhookLimit: 1e9 });
  const redis = createRedis('redis://127.0.0.1:6379', 'worker');
  for (const p of prefixes) await deleteByPrefix(redis, p);

  out(`qunzhu ingest benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), node ${process.version}, ${new Date().toISOString()}`);
  out(pin ? `servers pinned to core ${SERVER_CORE}, load generator to core ${GENERATOR_CORE}; Redis is NOT pinned and shares both cores` : 'taskset unavailable or 1 core: processes are NOT pinned');
  out(`throughput: closed loop, ${connections} keep-alive connections, ${seconds} s per server after a ${WARMUP_SECONDS} s warm-up; every request a signed+encrypted AI-bot callback (unique for the real path)`);
  out('figures are noisy and only comparable within one run (same machine, same moment)\n');

  const prepare = (n: number, run: string): RequestPool => {
    const t0 = performance.now();
    const pool = prepareCallbacks(n, api.url, `${run}${process.pid}`);
    out(`  (prepared ${n} callbacks for ${run} in ${((performance.now() - t0) / 1000).toFixed(1)} s, outside the timed window)`);
    return pool;
  };

  const results: Partial<Record<ServerKind, Throughput>> = {};
  let steady: Awaited<ReturnType<typeof openLoop>> | undefined;
  let e2e: { rate: number; sent: number; acked: number; replied: number; p50: number; p99: number; max: number; serverCpu: number } | undefined;
  const pools: RequestPool[] = [];
  try {
    if (!values['e2e-only']) {
      // bare and naive never look at the msgid, so they may cycle through a small pool; the real
      // path needs a fresh callback per request (a repeated msgid takes the cheaper duplicate branch).
      const shared = prepare(20_000, 'shared');
      results.bare = await throughput('bare', dir, prefix, shared, pin, seconds, connections, redis);
      results.naive = await throughput('naive', dir, prefix, shared, pin, seconds, connections, redis);
      const real = prepare(Math.min(400_000, (seconds + WARMUP_SECONDS) * 16_000), 'real');
      pools.push(real);
      results.real = await throughput('real', dir, prefix, real, pin, seconds, connections, redis);
      const pumpedPool = prepare(Math.min(400_000, (seconds + WARMUP_SECONDS) * 16_000), 'pumped');
      pools.push(pumpedPool);
      const pumped = await throughput('pumped', pumpedDir, `${prefix}p`, pumpedPool, pin, seconds, connections, redis);
      const backlog = await redis.xlen(`${prefix}p:ingest`);
      results.pumped = pumped;
      out();
      printThroughput(results);
      out(`\nreal/naive ${(results.real.rps / results.naive.rps).toFixed(2)} (target ≥ 0.90)   real/bare ${(results.real.rps / results.bare.rps).toFixed(2)}`);
      out(
        `pumped/naive ${(pumped.rps / results.naive.rps).toFixed(2)}: ack path + pump into the BullMQ inbound queue on the same core; ${backlog} events still in the stream when the server stopped` +
          ' (real runs the pump in the worker processes, like production)',
      );

      // Ack latency at a steady 1,000 requests/s on the real path: open loop, paced.
      const rate = 1000;
      const steadyPool = prepare((seconds + WARMUP_SECONDS) * rate + 100, 'steady');
      pools.push(steadyPool);
      steady = await withServer('real', dir, prefix, pin, async (url) => {
        await openLoop(url, steadyPool, { rate, seconds: WARMUP_SECONDS, connections });
        return openLoop(url, steadyPool, { rate, seconds, connections });
      });
      out(
        `\nsteady ${rate} req/s (open loop) on the real path: ${steady.completed}/${steady.sent} acked, ack p50 ${ms(steady.p50)} ms  p99 ${ms(steady.p99)} ms  max ${ms(steady.max)} ms (target p99 < 20 ms)` +
          `   [generator timer lag p99 ${ms(steady.lagP99)} ms, most requests queued for a connection: ${steady.maxQueued}]`,
      );
      if (steady.non2xx || steady.errors) out(`⚠ steady: ${steady.non2xx} non-2xx answers and ${steady.errors} lost requests`);
    }

    if (!values['skip-e2e']) {
      const e2ePool = prepare(Math.ceil((seconds + WARMUP_SECONDS) * e2eRate) + 100, 'e2e');
      pools.push(e2ePool);
      e2e = await withServer('e2e', e2eDir, `${prefix}e`, pin, async (url, pid) => {
        await openLoop(url, e2ePool, { rate: e2eRate, seconds: WARMUP_SECONDS, connections }); // JIT, KB caches, outbox
        await new Promise((r) => setTimeout(r, 1000));
        const sentAt = new Map<string, number>();
        const before = api.messages.length;
        const cpu = await CpuWindow.start(pid, redis);
        const sent = await openLoop(url, e2ePool, { rate: e2eRate, seconds, connections, onSend: (req, at) => sentAt.set(req.key, at) });
        const serverCpu = (await cpu.stop()).server;
        const deadline = Date.now() + 15_000;
        while (api.messages.length - before < sentAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        const lat = api.messages.slice(before).flatMap((m) => {
          const t = sentAt.get(m.key);
          return t === undefined ? [] : [m.at - t];
        });
        lat.sort((a, b) => a - b);
        const q = (p: number): number => (lat.length ? lat[Math.min(lat.length - 1, Math.ceil((p / 100) * lat.length) - 1)]! : NaN);
        return { rate: e2eRate, sent: sentAt.size, acked: sent.completed - sent.non2xx, replied: lat.length, p50: q(50), p99: q(99), max: lat.at(-1) ?? NaN, serverCpu };
      });
      out(
        `\nend-to-end at ${e2eRate} msg/s (callback sent → reply at the fake WeCom API; workers on, same core): ${e2e.replied}/${e2e.sent} replied, p50 ${e2e.p50} ms  p99 ${e2e.p99} ms  max ${e2e.max} ms   [server process ${pct(e2e.serverCpu)} of its core]`,
      );
      if (e2e.acked < e2e.sent) out(`⚠ e2e: only ${e2e.acked}/${e2e.sent} callbacks were acknowledged with 2xx`);
    }
    if (pools.some((p) => p.wrapped)) out('note: a callback pool wrapped around, so some late requests were duplicates (cheaper for the real path)');

    const ratios = results.real && results.naive && results.bare ? { realNaive: results.real.rps / results.naive.rps, realBare: results.real.rps / results.bare.rps } : undefined;
    out('\n' + JSON.stringify({ bench: 'ingest', node: process.version, cores: os.cpus().length, seconds, connections, pinned: pin, ...results, ratios, steady1000: steady, e2e }));
  } finally {
    await Promise.all([...children].map(stopServer));
    for (const p of prefixes) await deleteByPrefix(redis, p);
    await redis.quit();
    await api.close();
    for (const d of [dir, e2eDir, pumpedDir]) fs.rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
