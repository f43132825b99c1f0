/**
 * A minimal HTTP/1.1 keep-alive load generator over raw sockets.
 *
 * Why not autocannon: with a different pre-generated request per call (setupRequest), autocannon
 * saturates its core at ~40k req/s on this machine before the bare fastify server does, and its
 * `overallRate` is not pacing — each connection fires its per-second quota back to back and then
 * waits for the next second, and latencies are "corrected" with a 1 ms expected interval — so a
 * "steady 1,000 req/s" run measured bursts. Here every request is a pre-built Buffer written as is,
 * responses are framed by Content-Length only (our servers never answer chunked), and the open-loop
 * mode really spreads requests over time.
 */
import net from 'node:net';

/** One pre-built request: the bytes to write plus a caller-defined key (e.g. a response_code). */
export interface WireRequest {
  bytes: Buffer;
  key: string;
}

/** Serializes a POST once, before any timed window (all our servers listen on 127.0.0.1). */
export function wireRequest(path: string, body: string, key: string): WireRequest {
  const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return { bytes: Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body)]), key };
}

/** Cycles through pre-built requests; `wrapped` tells whether any was sent twice. */
export class RequestPool {
  private cursor = 0;
  wrapped = false;
  constructor(readonly items: WireRequest[]) {}
  next(): WireRequest {
    if (this.cursor >= this.items.length) {
      this.cursor = 0;
      this.wrapped = true;
    }
    return this.items[this.cursor++]!;
  }
}

/** Fixed-bucket latency histogram: 10 µs resolution up to 10 s, exact max. Cheap to record into. */
export class LatencyHistogram {
  private readonly buckets = new Uint32Array(1_000_000);
  count = 0;
  max = 0;

  record(ms: number): void {
    this.buckets[Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms * 100)))]!++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /** Percentile in ms (NaN when empty). */
  pct(p: number): number {
    if (!this.count) return NaN;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= target) return i / 100;
    }
    return this.max;
  }
}

export interface LoadFigures {
  /** Completed responses per second over the window. */
  rps: number;
  completed: number;
  non2xx: number;
  /** Socket errors and unexpected closes. */
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** Wall time of the window in seconds. */
  wall: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/**
 * One keep-alive connection carrying one request at a time. Reconnects if the server closes it.
 * `onResponse` is called with the status code when a whole response has arrived.
 */
class Connection {
  private socket!: net.Socket;
  private pending: Buffer | undefined;
  busy = false;
  closed = false;

  constructor(
    private readonly url: URL,
    private readonly onResponse: (status: number) => void,
    private readonly onError: () => void,
    private readonly onReady: () => void,
  ) {
    this.connect();
  }

  private connect(): void {
    const s = net.connect(Number(this.url.port), this.url.hostname);
    s.setNoDelay(true);
    s.on('connect', () => {
      if (!this.busy) this.onReady();
    });
    s.on('data', (chunk: Buffer) => this.read(chunk));
    s.on('error', () => undefined); // 'close' follows and does the accounting
    s.on('close', () => {
      if (this.closed) return;
      this.pending = undefined;
      if (this.busy) {
        this.busy = false;
        this.onError();
      }
      setTimeout(() => this.connect(), 10);
    });
    this.socket = s;
  }

  send(req: WireRequest): void {
    this.busy = true;
    this.socket.write(req.bytes);
  }

  private read(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const headEnd = buf.indexOf(HEADER_END);
      if (headEnd < 0) break;
      const head = buf.toString('latin1', 0, headEnd);
      const len = CONTENT_LENGTH.exec(head);
      if (!len) throw new Error(`load generator: response without Content-Length (chunked?): ${head.split('\r\n')[0]}`);
      const total = headEnd + 4 + Number(len[1]);
      if (buf.length < total) break;
      const status = Number(head.slice(9, 12));
      buf = buf.subarray(total);
      this.busy = false;
      this.onResponse(status);
    }
    this.pending = buf.length ? buf : undefined;
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}

/**
 * Closed loop: `connections` connections, each sending its next request as soon as the previous
 * answer arrives, for `seconds`. Latency = write → complete response.
 */
export async function closedLoop(url: URL, pool: RequestPool, opts: { connections: number; seconds: number }): Promise<LoadFigures> {
  const hist = new LatencyHistogram();
  let non2xx = 0;
  let errors = 0;
  let running = true;
  const conns: Connection[] = [];
  const sentAt = new Map<Connection, number>();
  const fire = (c: Connection): void => {
    if (!running) return;
    sentAt.set(c, performance.now());
    c.send(pool.next());
  };
  for (let i = 0; i < opts.connections; i++) {
    const c: Connection = new Connection(
      url,
      (status) => {
        hist.record(performance.now() - sentAt.get(c)!);
        if (status < 200 || status > 299) non2xx++;
        fire(c);
      },
      () => {
        errors++;
      },
      () => fire(c),
    );
    conns.push(c);
  }
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, opts.seconds * 1000));
  running = false;
  const wall = (performance.now() - t0) / 1000;
  for (const c of conns) c.close();
  return { rps: hist.count / wall, completed: hist.count, non2xx, errors, p50: hist.pct(50), p99: hist.pct(99), max: hist.max, wall };
}

export interface OpenLoopFigures extends LoadFigures {
  sent: number;
  /** How late the generator's timer fired, p99 / max in ms (the generator's own jitter). */
  lagP99: number;
  lagMax: number;
  /** Most requests ever waiting for a free connection (> 0: the server fell behind). */
  maxQueued: number;
}

/**
 * Open loop: requests go out on a fixed schedule (`rate` per second) whatever the server does; if
 * every connection is busy a request waits in a queue and that wait counts in its latency (no
 * coordinated omission). Latency = the moment the generator dispatched it → complete response.
 * `onSend` sees each request with the wall-clock time it was dispatched (for end-to-end matching).
 */
export async function openLoop(
  url: URL,
  pool: RequestPool,
  opts: { rate: number; seconds: number; connections: number; onSend?: (req: WireRequest, epochMs: number) => void; drainMs?: number },
): Promise<OpenLoopFigures> {
  const hist = new LatencyHistogram();
  const lag = new LatencyHistogram();
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let maxQueued = 0;
  const queue: Array<{ req: WireRequest; at: number }> = [];
  const idle: Connection[] = [];
  const inflight = new Map<Connection, number>();

  const dispatch = (c: Connection): void => {
    const job = queue.shift();
    if (!job) {
      idle.push(c);
      return;
    }
    inflight.set(c, job.at);
    c.send(job.req);
  };
  const conns: Connection[] = [];
  for (let i = 0; i < opts.connections; i++) {
    const c: Connection = new Connection(
      url,
      (status) => {
        hist.record(performance.now() - inflight.get(c)!);
        inflight.delete(c);
        if (status < 200 || status > 299) non2xx++;
        dispatch(c);
      },
      () => {
        inflight.delete(c);
        errors++;
      },
      // A reconnect of an idle connection must not list it twice.
      () => {
        if (!idle.includes(c)) dispatch(c);
      },
    );
    conns.push(c);
  }
  await new Promise((r) => setTimeout(r, 200)); // let the connections open

  const interval = 1000 / opts.rate;
  const total = Math.round(opts.rate * opts.seconds);
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      // Everything due by now goes out in this tick (timers fire at ~1 ms granularity).
      while (sent < total && t0 + sent * interval <= now) {
        lag.record(now - (t0 + sent * interval));
        const req = pool.next();
        opts.onSend?.(req, Date.now());
        queue.push({ req, at: now });
        sent++;
        const c = idle.pop();
        if (c) dispatch(c);
      }
      maxQueued = Math.max(maxQueued, queue.length);
      if (sent >= total) return resolve();
      setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
    };
    tick();
  });
  const wall = (performance.now() - t0) / 1000;
  // Wait for the stragglers (bounded), then close.
  const deadline = performance.now() + (opts.drainMs ?? 10_000);
  while ((inflight.size || queue.length) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  for (const c of conns) c.close();
  return {
    rps: hist.count / wall,
    completed: hist.count,
    sent,
    non2xx,
    errors: errors + inflight.size + queue.length,
    p50: hist.pct(50),
    p99: hist.pct(99),
    max: hist.max,
    wall,
    lagP99: lag.pct(99),
    lagMax: lag.max,
    maxQueued,
  };
}
