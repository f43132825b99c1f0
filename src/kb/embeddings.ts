/**
 * Optional dense embeddings for the knowledge base (off unless kb.embeddings is configured).
 * Speaks the OpenAI-compatible `POST /v1/embeddings` that Ollama, Xinference, vLLM and most cloud
 * providers serve, and caches vectors on disk so a restart does not re-embed the whole KB.
 *
 * Every error names the setting to fix, because the person reading it is usually whoever edits
 * qunzhu.yaml, not a developer; the API key is redacted from anything we put in an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddingProvider {
  readonly model: string;
  /**
   * What makes vectors comparable: the model plus anything else that changes them (such as a
   * `dimensions` override). Caches key on it; providers that leave it out are keyed on `model`.
   */
  readonly vectorSpace?: string;
  /** L2-normalised vectors, in the order of `texts`. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Whether trying again later may succeed (rate limit, server or network trouble). */
  readonly retryable: boolean;
  /** The server's error code (e.g. `model_not_found`) or the network error code (e.g. `ECONNREFUSED`). */
  readonly code?: string;
  /** How many requests were made before giving up. */
  readonly attempts: number;
  /** What the server asked us to wait (Retry-After), uncapped. */
  readonly retryAfterMs?: number;

  constructor(message: string, opts: { status?: number; retryable: boolean; code?: string; attempts?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.status = opts.status;
    this.retryable = opts.retryable;
    this.code = opts.code;
    this.attempts = opts.attempts ?? 1;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Dot product: the cosine similarity of two L2-normalised vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  // Silently truncating would rank garbage; a length mismatch means vectors from two models got mixed.
  if (a.length !== b.length) throw new RangeError(`cosine: vectors of different length (${a.length} and ${b.length}); were they made by the same embeddings model?`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

// ---------------------------------------------------------------------------------------------
// OpenAI-compatible HTTP provider

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  error: EmbeddingError;
}

export interface OpenAiCompatibleEmbeddingsOptions {
  /** Server root or its versioned prefix: `http://host:11434`, `http://host:11434/v1/`, `https://x/api/v3`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Per request, body included. */
  timeoutMs?: number;
  /** Texts per request; local servers often choke on large batches. */
  batchSize?: number;
  /** Retries after the first attempt, for 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  /** Ask for shorter vectors (only models trained for it, e.g. text-embedding-3-*). */
  dimensions?: number;
  /** First backoff; doubles per retry, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Cap on honouring Retry-After, so a rate-limited provider cannot park the bot for minutes. */
  maxRetryAfterMs?: number;
  /** Called before each retry (for logging; the error's message is already redacted). */
  onRetry?: (info: RetryInfo) => void;
}

const DEFAULTS = { timeoutMs: 10_000, batchSize: 32, maxRetries: 3, backoffMs: 500, maxBackoffMs: 8_000, maxRetryAfterMs: 10_000 };
/** Server messages are quoted for diagnosis; some servers echo whole request bodies. */
const SERVER_TEXT_MAX = 300;

interface ServerError {
  message?: string;
  code?: string;
  type?: string;
  /** The body had an OpenAI-style `error` (as opposed to e.g. a proxy's HTML or a router's 404). */
  shaped: boolean;
}

export class OpenAiCompatibleEmbeddings implements EmbeddingProvider {
  readonly model: string;
  readonly vectorSpace: string;
  /** Dimension of the vectors last returned. */
  dimension?: number;
  private readonly endpoint: URL;
  /** The endpoint as shown in messages: no query string, no credentials. */
  private readonly where: string;
  private readonly apiKey?: string;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly maxRetries: number;
  private readonly dimensions?: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly onRetry?: (info: RetryInfo) => void;

  constructor(opts: OpenAiCompatibleEmbeddingsOptions) {
    if (typeof opts.model !== 'string' || opts.model.trim() === '') throw configError('kb.embeddings.model is empty: name the embeddings model (e.g. bge-m3)');
    this.model = opts.model;
    // Keys pasted from env files often carry a newline; fetch would reject the header and quote it.
    const key = opts.apiKey?.trim();
    if (key && !/^[\x21-\x7e]+$/.test(key)) throw configError('kb.embeddings.apiKey contains spaces or characters that cannot go in an HTTP header: check it was pasted whole');
    this.apiKey = key || undefined;
    this.timeoutMs = wholeNumber(opts.timeoutMs, DEFAULTS.timeoutMs, 1, 'kb.embeddings.timeoutMs');
    this.batchSize = wholeNumber(opts.batchSize, DEFAULTS.batchSize, 1, 'kb.embeddings.batchSize');
    this.maxRetries = wholeNumber(opts.maxRetries, DEFAULTS.maxRetries, 0, 'kb.embeddings.maxRetries');
    this.dimensions = opts.dimensions === undefined ? undefined : wholeNumber(opts.dimensions, 0, 1, 'kb.embeddings.dimensions');
    this.backoffMs = Math.max(0, opts.backoffMs ?? DEFAULTS.backoffMs);
    this.maxBackoffMs = Math.max(0, opts.maxBackoffMs ?? DEFAULTS.maxBackoffMs);
    this.maxRetryAfterMs = Math.max(0, opts.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs);
    this.onRetry = opts.onRetry;
    this.vectorSpace = this.dimensions === undefined ? this.model : `${this.model}#dimensions=${this.dimensions}`;

    let url: URL | undefined;
    try {
      url = new URL(opts.baseUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw configError('kb.embeddings.baseUrl is not an http(s) URL: use e.g. http://127.0.0.1:11434/v1');
    // fetch refuses URLs with credentials, and they would end up in messages.
    if (url.username || url.password) throw configError('kb.embeddings.baseUrl contains a user name or password: put the key in kb.embeddings.apiKey instead');
    url.hash = '';
    // A trailing /vN is the API version (OpenAI and Ollama /v1, Volcengine Ark /api/v3, Zhipu /v4).
    let p = url.pathname.replace(/\/+$/, '').replace(/\/embeddings$/, '');
    if (!/\/v\d+$/.test(p)) p += '/v1';
    url.pathname = `${p}/embeddings`;
    this.endpoint = url;
    this.where = `${url.origin}${url.pathname}`;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    texts.forEach((t, i) => {
      // OpenAI answers 400 for '' and others embed it as noise; either way the caller has a bug.
      if (typeof t !== 'string' || t === '') throw new EmbeddingError(`cannot embed an empty text (input #${i}): skip empty texts before embedding`, { retryable: false });
    });
    const out: Float32Array[] = [];
    // Sequential on purpose: local servers (Ollama) serialise anyway, and parallel batches trip rate limits.
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const vectors = await this.withRetries(texts.slice(i, i + this.batchSize));
      const dim = out[0]?.length;
      if (dim !== undefined && vectors[0]!.length !== dim)
        throw this.invalid(`batches came back with different dimensions (${dim} and ${vectors[0]!.length})`);
      out.push(...vectors);
    }
    if (out[0]) this.dimension = out[0].length;
    return out;
  }

  private async withRetries(batch: readonly string[]): Promise<Float32Array[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(batch);
      } catch (e) {
        const err = e instanceof EmbeddingError ? e : this.fail(`unexpected error calling embeddings API at ${this.where}: ${this.redact(String(e))}`, '', { retryable: false });
        if (!err.retryable || attempt >= this.maxRetries) throw attempt === 0 ? err : this.gaveUp(err, attempt + 1);
        const delayMs = this.delayFor(attempt, err.retryAfterMs);
        this.onRetry?.({ attempt: attempt + 1, delayMs, error: err });
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  }

  private delayFor(attempt: number, retryAfterMs: number | undefined): number {
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, this.maxRetryAfterMs);
    const ceiling = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** attempt);
    // Half fixed, half random: spreads out several qunzhu processes retrying against one server.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private async request(batch: readonly string[]): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.apiKey !== undefined) headers.authorization = `Bearer ${this.apiKey}`;
    const body = JSON.stringify({ model: this.model, input: batch, ...(this.dimensions === undefined ? {} : { dimensions: this.dimensions }) });
    let res: Response;
    let text: string;
    try {
      // One signal for headers and body: a server that stalls mid-body must time out too.
      const signal = AbortSignal.timeout(this.timeoutMs);
      res = await fetch(this.endpoint, { method: 'POST', headers, body, signal });
      text = await res.text();
    } catch (e) {
      throw this.networkError(e);
    }
    if (!res.ok) throw this.httpError(res, text);
    return this.parse(text, batch.length);
  }

  private networkError(e: unknown): EmbeddingError {
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return this.fail(
        `embeddings API at ${this.where} did not answer within ${this.timeoutMs} ms`,
        'check the server load, lower kb.embeddings.batchSize or raise kb.embeddings.timeoutMs',
        { retryable: true, code: 'ETIMEDOUT' },
      );
    const code = networkCode(e);
    // Only socket-level errors (which carry a code and never see our headers) are kept as the cause.
    const retry = { retryable: true, code, cause: code ? e : undefined };
    if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
      return this.fail(`the TLS certificate of ${this.where} was not accepted (${code})`, 'fix the certificate, or add its CA with NODE_EXTRA_CA_CERTS', { ...retry, retryable: false });
    switch (code) {
      case 'ECONNREFUSED':
        return this.fail(`cannot reach embeddings API at ${this.where}`, 'is the server running? (kb.embeddings.baseUrl)', retry);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return this.fail(`cannot resolve the host of ${this.where} (${code})`, 'check kb.embeddings.baseUrl and DNS', retry);
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
      case 'UND_ERR_CLOSED':
        return this.fail(`embeddings API at ${this.where} dropped the connection (${code})`, 'check the server (or a proxy in front of it) for crashes or restarts', retry);
      default: {
        const detail = code ?? this.redact(String((e as { message?: unknown } | null)?.message ?? e));
        return this.fail(`cannot talk to embeddings API at ${this.where} (${detail})`, 'check kb.embeddings.baseUrl and the network', retry);
      }
    }
  }

  private httpError(res: Response, text: string): EmbeddingError {
    const status = res.status;
    const s = parseServerError(text);
    const said = s.message ? ` (server said: ${this.quote(s.message)})` : '';
    const meta = { status, code: s.code };
    if (status === 401) {
      // Never quote the server here: OpenAI-style 401s echo part of the key back.
      return this.apiKey === undefined
        ? this.fail(`embeddings API at ${this.where} wants a key (401)`, 'set kb.embeddings.apiKey', { ...meta, retryable: false })
        : this.fail('embeddings API refused the key (401)', 'check kb.embeddings.apiKey', { ...meta, retryable: false });
    }
    if (status === 403)
      return this.fail(`embeddings API at ${this.where} refused access (403)`, `check that kb.embeddings.apiKey may use model ${this.model}`, { ...meta, retryable: false });
    if (status === 404) {
      const aboutModel = s.code === 'model_not_found' || /model/i.test(s.message ?? '');
      return aboutModel
        ? this.fail(`model ${this.model} not found at ${this.where}${said}`, 'check kb.embeddings.model / that the model is pulled', { ...meta, retryable: false })
        : this.fail(`no embeddings endpoint at ${this.where} (404)`, 'check kb.embeddings.baseUrl (the server root or its /v1)', { ...meta, retryable: false });
    }
    if (status === 429) {
      if (s.code === 'insufficient_quota')
        return this.fail(`embeddings API quota is used up (429 insufficient_quota)`, "check the provider account's balance or plan", { ...meta, retryable: false });
      return this.fail(`embeddings API at ${this.where} is rate-limiting us (429)${said}`, "lower kb.embeddings.batchSize or raise the provider's rate limit", {
        ...meta,
        retryable: true,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      });
    }
    if (status >= 500 || status === 408)
      return this.fail(`embeddings API at ${this.where} failed (${status})${said}`, "check the embeddings server's logs", {
        ...meta,
        retryable: true,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      });
    return this.fail(
      `embeddings API at ${this.where} rejected the request (${status})${said}`,
      'check kb.embeddings.model and kb.embeddings.dimensions, and that texts are not too long for the model',
      { ...meta, retryable: false },
    );
  }

  private parse(text: string, n: number): Float32Array[] {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw this.invalid(`the body is not JSON (${this.quote(text.slice(0, 80))})`);
    }
    const data = (body as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) {
      const s = parseServerError(text);
      throw this.invalid(s.shaped && s.message ? `an error instead of embeddings: ${this.quote(s.message)}` : 'no "data" list in the body');
    }
    if (data.length !== n) throw this.invalid(`${data.length} embeddings for ${n} texts`);
    // Servers may return items in any order; `index` is what ties a vector to its text.
    const hasIndex = data.some((d) => d !== null && typeof d === 'object' && 'index' in d);
    const out = new Array<Float32Array | undefined>(n);
    const want = this.dimensions;
    let dim: number | undefined;
    data.forEach((item: unknown, pos) => {
      const d = (item ?? {}) as { index?: unknown; embedding?: unknown };
      const index = hasIndex ? d.index : pos;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= n)
        throw this.invalid(`data[${pos}].index is ${JSON.stringify(index) ?? 'missing'}, expected 0..${n - 1}`);
      if (out[index]) throw this.invalid(`index ${index} appears twice`);
      const emb = d.embedding;
      if (!Array.isArray(emb) || emb.length === 0) throw this.invalid(`data[${pos}].embedding is not a list of numbers`);
      if (dim === undefined) dim = emb.length;
      if (emb.length !== dim) throw this.invalid(`embeddings of different dimensions in one answer (${dim} and ${emb.length})`);
      if (want !== undefined && emb.length !== want)
        throw this.invalid(`${emb.length}-dimensional vectors although kb.embeddings.dimensions is ${want} (does the model support "dimensions"?)`);
      const v = normalise(emb);
      if (typeof v === 'string') throw this.invalid(`data[${pos}].embedding ${v}`);
      out[index] = v;
    });
    return out as Float32Array[];
  }

  private invalid(detail: string): EmbeddingError {
    return this.fail(`embeddings API at ${this.where} gave an unusable answer: ${detail}`, 'is kb.embeddings.baseUrl an OpenAI-compatible embeddings server?', { retryable: false });
  }

  private fail(what: string, todo: string, meta: { status?: number; code?: string; retryable: boolean; retryAfterMs?: number; cause?: unknown }): EmbeddingError {
    const err = new EmbeddingError(this.redact(todo ? `${what}: ${todo}` : what), meta);
    parts.set(err, { what, todo });
    return err;
  }

  private gaveUp(err: EmbeddingError, attempts: number): EmbeddingError {
    const p = parts.get(err) ?? { what: err.message, todo: '' };
    const what = `${p.what}, still after ${attempts} attempts`;
    const out = new EmbeddingError(this.redact(p.todo ? `${what}: ${p.todo}` : what), {
      status: err.status,
      code: err.code,
      retryable: true,
      attempts,
      retryAfterMs: err.retryAfterMs,
      cause: err.cause,
    });
    parts.set(out, { what, todo: p.todo });
    return out;
  }

  private quote(s: string): string {
    const flat = s.replace(/\s+/g, ' ').trim();
    return this.redact(flat.length > SERVER_TEXT_MAX ? `${flat.slice(0, SERVER_TEXT_MAX)}…` : flat);
  }

  /** Servers and proxies may echo request headers in errors; the key must not reach logs. */
  private redact(s: string): string {
    let out = s.replace(/(Bearer\s+)[^\s"',;]+/gi, '$1***');
    if (this.apiKey) out = out.split(this.apiKey).join('***');
    return out;
  }
}

/** The two halves of a message, so "after N attempts" can go between them. */
const parts = new WeakMap<EmbeddingError, { what: string; todo: string }>();

function configError(message: string): EmbeddingError {
  return new EmbeddingError(message, { retryable: false });
}

function wholeNumber(v: number | undefined, dflt: number, min: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min) throw configError(`${name} must be a whole number of at least ${min}, not ${String(v)}`);
  return v;
}

/** undici wraps the socket error in `cause`, sometimes in an AggregateError (IPv4 and IPv6 tried). */
function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof c.code === 'string' && c.code !== 'ERR_INVALID_ARG_TYPE') return c.code;
    if (Array.isArray(c.errors) && c.errors.length > 0) {
      const inner = networkCode(c.errors[0]);
      if (inner) return inner;
    }
    cur = c.cause;
  }
  return undefined;
}

function parseServerError(text: string): ServerError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { message: text.trim() || undefined, shaped: false };
  }
  const b = (body ?? {}) as { error?: unknown; detail?: unknown; message?: unknown };
  if (typeof b.error === 'string') return { message: b.error, shaped: true }; // Ollama's native shape
  if (b.error && typeof b.error === 'object') {
    const e = b.error as { message?: unknown; code?: unknown; type?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : undefined,
      code: typeof e.code === 'string' ? e.code : undefined,
      type: typeof e.type === 'string' ? e.type : undefined,
      shaped: true,
    };
  }
  // FastAPI-based servers answer `{ "detail": ... }` for routing and validation errors.
  if (b.detail !== undefined) return { message: typeof b.detail === 'string' ? b.detail : JSON.stringify(b.detail), shaped: false };
  if (typeof b.message === 'string') return { message: b.message, shaped: false };
  return { shaped: false };
}

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const secs = Number(h);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A unit vector, or why not. */
function normalise(values: unknown[]): Float32Array | string {
  let sum = 0;
  for (const x of values) {
    if (typeof x !== 'number' || !Number.isFinite(x)) return `contains ${JSON.stringify(x) ?? String(x)}, not a number`;
    sum += x * x;
  }
  if (!(sum > 0)) return 'is all zeros';
  const norm = Math.sqrt(sum);
  const v = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) v[i] = (values[i] as number) / norm;
  return v;
}

// ---------------------------------------------------------------------------------------------
// On-disk cache

export interface CachedEmbeddingsOptions {
  /** Cache directory; one subdirectory per vector space (model). */
  dir: string;
  /** Bound on the in-memory map of query vectors that are not written to disk. */
  memoryEntries?: number;
  /** Problems the cache works around (corrupt file, unwritable dir); defaults to process.emitWarning. */
  onWarning?: (message: string) => void;
}

/*
 * Layout: <dir>/<model slug>-<hash>/<first key byte as hex>.f32, each file:
 *   "QZEV" u32 version  u32 dim  u32 count  u32 spaceLength  space (utf8)
 *   count × (32-byte key, dim × f32)
 *   sha256 of everything before it
 * all little-endian. 256 shards keep each rewrite small: one user question that misses rewrites
 * 1/256 of the cache, not all of it. The checksum catches torn or flipped files that slip past the
 * atomic rename (e.g. power loss before the data reached the disk).
 */
const MAGIC = 0x5645_5a51; // "QZEV" read as u32 LE
const VERSION = 1;
const HEADER = 20;
const KEY_BYTES = 32;
const CHECKSUM_BYTES = 32;
const MAX_DIM = 65_536;
const SHARD_RE = /^[0-9a-f]{2}\.f32$/;
/** Temp files older than this are leftovers of a crash, not a write in progress. */
const STALE_TEMP_MS = 3_600_000;

export class CachedEmbeddings implements EmbeddingProvider {
  readonly model: string;
  readonly vectorSpace: string;
  private readonly spaceDir: string;
  private readonly memoryEntries: number;
  private readonly warn: (message: string) => void;
  private shards: Array<Map<string, Float32Array>> = emptyShards();
  private dim?: number;
  private loaded?: Promise<void>;
  /** Recently used query vectors (Map order = recency). */
  private readonly hot = new Map<string, Float32Array>();
  private readonly writes = new Map<number, Promise<void>>();

  constructor(
    private readonly inner: EmbeddingProvider,
    opts: CachedEmbeddingsOptions,
  ) {
    this.model = inner.model;
    this.vectorSpace = inner.vectorSpace ?? inner.model;
    const slug = this.vectorSpace.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    // The hash keeps `a/b` and `a_b` (same slug) apart.
    this.spaceDir = path.join(opts.dir, `${slug}-${createHash('sha256').update(this.vectorSpace).digest('hex').slice(0, 12)}`);
    this.memoryEntries = Math.max(0, opts.memoryEntries ?? 1000);
    this.warn = opts.onWarning ?? ((m) => process.emitWarning(m, 'QunzhuEmbeddingsCache'));
  }

  /**
   * Cached vectors (read from disk at first use) plus, for the misses, the inner provider's; new
   * vectors are written to disk before this resolves. The returned arrays are shared: do not mutate.
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return this.embedWith(texts, true);
  }

  /**
   * One text, kept only in memory: a stream of distinct user questions would otherwise grow the
   * disk cache without bound. Still served from disk when the text was embedded with `embed`.
   */
  async embedQuery(text: string): Promise<Float32Array> {
    const key = this.key(text);
    const hit = this.hot.get(key);
    if (hit) {
      this.hot.delete(key);
      this.hot.set(key, hit);
      return hit;
    }
    const [v] = await this.embedWith([text], false);
    return v!;
  }

  /** Waits for writes in progress (for orderly shutdown). */
  async flush(): Promise<void> {
    await Promise.all(this.writes.values());
  }

  private async embedWith(texts: readonly string[], persist: boolean, again = false): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    await this.load();
    const keys = texts.map((t) => this.key(t));
    const out = new Array<Float32Array | undefined>(texts.length);
    const missing = new Map<string, string>(); // key -> text, deduplicated
    const toWrite = new Set<number>();
    keys.forEach((k, i) => {
      const shard = this.shardOf(k);
      let v = shard.get(k);
      if (!v && (v = this.hot.get(k)) && persist) {
        // Asked as a query first, now as a document: keep it across restarts too.
        shard.set(k, v);
        toWrite.add(shardIndex(k));
      }
      if (v) out[i] = v;
      else missing.set(k, texts[i]!);
    });
    if (missing.size === 0) {
      await Promise.all([...toWrite].map((s) => this.writeShard(s)));
      return out as Float32Array[];
    }

    const fresh = await this.inner.embed([...missing.values()]);
    if (fresh.length !== missing.size) throw new Error(`embeddings provider ${this.model} returned ${fresh.length} vectors for ${missing.size} texts`);
    const dim = fresh[0]!.length;
    const stale = this.dim !== undefined && dim !== this.dim;
    if (stale) {
      // The server now maps this model name to something else: old vectors are useless next to new ones.
      this.warn(`embeddings cache: ${this.vectorSpace} now returns ${dim}-dimensional vectors, the cache holds ${this.dim}; discarding the cache for it`);
      this.shards.forEach((m, s) => m.size > 0 && toWrite.add(s));
      this.shards = emptyShards();
      this.hot.clear();
    }
    this.dim = dim;
    let j = 0;
    for (const k of missing.keys()) {
      const v = fresh[j++]!;
      if (persist) {
        this.shardOf(k).set(k, v);
        toWrite.add(shardIndex(k));
      } else this.remember(k, v);
    }
    await Promise.all([...toWrite].map((s) => this.writeShard(s)));
    // Hits of this call came from the discarded cache; fetch them again (once, in case the server flaps).
    if (stale && !again && missing.size < new Set(keys).size) return this.embedWith(texts, persist, true);
    const byKey = new Map([...missing.keys()].map((k, i) => [k, fresh[i]!]));
    keys.forEach((k, i) => {
      out[i] ??= byKey.get(k);
    });
    return out as Float32Array[];
  }

  private remember(key: string, v: Float32Array): void {
    if (this.memoryEntries === 0) return;
    this.hot.delete(key);
    this.hot.set(key, v);
    while (this.hot.size > this.memoryEntries) this.hot.delete(this.hot.keys().next().value!);
  }

  private key(text: string): string {
    return createHash('sha256').update(`${this.vectorSpace}\u0000${text}`).digest('hex');
  }

  private shardOf(key: string): Map<string, Float32Array> {
    return this.shards[shardIndex(key)]!;
  }

  private load(): Promise<void> {
    this.loaded ??= this.loadAll();
    return this.loaded;
  }

  private async loadAll(): Promise<void> {
    let names: string[];
    try {
      names = (await fs.promises.readdir(this.spaceDir)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`embeddings cache: cannot read ${this.spaceDir} (${(e as Error).message}); starting empty`);
      return;
    }
    for (const name of names) {
      const file = path.join(this.spaceDir, name);
      if (name.endsWith('.tmp')) {
        await removeIfStale(file);
        continue;
      }
      if (!SHARD_RE.test(name)) continue;
      let buf: Buffer;
      try {
        buf = await fs.promises.readFile(file);
      } catch (e) {
        this.warn(`embeddings cache: cannot read ${file} (${(e as Error).message}); ignoring it`);
        continue;
      }
      const shard = parseInt(name.slice(0, 2), 16);
      const parsed = decodeShard(buf, this.vectorSpace);
      if (typeof parsed === 'string') {
        this.warn(`embeddings cache: ${file} is corrupt (${parsed}); ignoring it, its vectors will be fetched again`);
        continue;
      }
      if (this.dim !== undefined && parsed.dim !== this.dim) {
        this.warn(`embeddings cache: ${file} holds ${parsed.dim}-dimensional vectors, others ${this.dim}; ignoring it`);
        continue;
      }
      const wrongShard = [...parsed.entries.keys()].some((k) => shardIndex(k) !== shard);
      if (wrongShard) {
        this.warn(`embeddings cache: ${file} holds keys of another shard (renamed by hand?); ignoring it`);
        continue;
      }
      this.dim = parsed.dim;
      this.shards[shard] = parsed.entries;
    }
  }

  /** Chained per shard so two writes never race; each writes the shard as it is when it runs. */
  private writeShard(shard: number): Promise<void> {
    const prev = this.writes.get(shard) ?? Promise.resolve();
    const next = prev.then(() => this.writeShardNow(shard));
    this.writes.set(shard, next);
    void next.then(() => {
      if (this.writes.get(shard) === next) this.writes.delete(shard);
    });
    return next;
  }

  private async writeShardNow(shard: number): Promise<void> {
    const file = path.join(this.spaceDir, `${shard.toString(16).padStart(2, '0')}.f32`);
    const entries = this.shards[shard]!;
    // A cache that cannot be written only costs speed, so this never fails the embed call.
    const tmp = `${path.join(this.spaceDir, `.${path.basename(file)}`)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (entries.size === 0) {
        await fs.promises.rm(file, { force: true });
        return;
      }
      const buf = encodeShard(entries, this.dim!, this.vectorSpace);
      await fs.promises.mkdir(this.spaceDir, { recursive: true });
      const fh = await fs.promises.open(tmp, 'w');
      try {
        await fh.writeFile(buf);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, file);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      this.warn(`embeddings cache: cannot write ${file} (${(e as Error).message}); vectors stay in memory only`);
    }
  }
}

function emptyShards(): Array<Map<string, Float32Array>> {
  return Array.from({ length: 256 }, () => new Map<string, Float32Array>());
}

function shardIndex(hexKey: string): number {
  return parseInt(hexKey.slice(0, 2), 16);
}

async function removeIfStale(file: string): Promise<void> {
  try {
    const st = await fs.promises.stat(file);
    if (Date.now() - st.mtimeMs > STALE_TEMP_MS) await fs.promises.rm(file, { force: true });
  } catch {
    // Another process may have just renamed or removed it.
  }
}

function encodeShard(entries: Map<string, Float32Array>, dim: number, space: string): Buffer {
  const spaceBytes = Buffer.from(space, 'utf8');
  const record = KEY_BYTES + dim * 4;
  const bodyLength = HEADER + spaceBytes.length + entries.size * record;
  const buf = Buffer.alloc(bodyLength + CHECKSUM_BYTES);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(VERSION, 4);
  buf.writeUInt32LE(dim, 8);
  buf.writeUInt32LE(entries.size, 12);
  buf.writeUInt32LE(spaceBytes.length, 16);
  spaceBytes.copy(buf, HEADER);
  let off = HEADER + spaceBytes.length;
  for (const [k, v] of entries) {
    buf.write(k, off, KEY_BYTES, 'hex');
    off += KEY_BYTES;
    for (let i = 0; i < dim; i++, off += 4) buf.writeFloatLE(v[i]!, off);
  }
  createHash('sha256').update(buf.subarray(0, bodyLength)).digest().copy(buf, bodyLength);
  return buf;
}

function decodeShard(buf: Buffer, space: string): { dim: number; entries: Map<string, Float32Array> } | string {
  if (buf.length < HEADER + CHECKSUM_BYTES) return `only ${buf.length} bytes`;
  if (buf.readUInt32LE(0) !== MAGIC) return 'not an embeddings cache file';
  const version = buf.readUInt32LE(4);
  if (version !== VERSION) return `format version ${version}, expected ${VERSION}`;
  const dim = buf.readUInt32LE(8);
  const count = buf.readUInt32LE(12);
  const spaceLength = buf.readUInt32LE(16);
  if (dim < 1 || dim > MAX_DIM) return `dimension ${dim}`;
  const record = KEY_BYTES + dim * 4;
  const bodyLength = HEADER + spaceLength + count * record;
  const expected = bodyLength + CHECKSUM_BYTES;
  if (buf.length < expected) return `truncated: ${buf.length} of ${expected} bytes`;
  if (buf.length > expected) return `${buf.length - expected} bytes too many`;
  const sum = createHash('sha256').update(buf.subarray(0, bodyLength)).digest();
  if (!sum.equals(buf.subarray(bodyLength))) return 'checksum mismatch';
  const stored = buf.toString('utf8', HEADER, HEADER + spaceLength);
  if (stored !== space) return `belongs to ${JSON.stringify(stored)}`;
  // One allocation per shard instead of one per vector.
  const all = new Float32Array(count * dim);
  const entries = new Map<string, Float32Array>();
  let off = HEADER + spaceLength;
  for (let r = 0; r < count; r++) {
    const key = buf.toString('hex', off, off + KEY_BYTES);
    off += KEY_BYTES;
    const base = r * dim;
    for (let i = 0; i < dim; i++, off += 4) all[base + i] = buf.readFloatLE(off);
    entries.set(key, all.subarray(base, base + dim));
  }
  return { dim, entries };
}
