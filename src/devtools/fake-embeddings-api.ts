/**
 * An OpenAI-compatible embeddings server on localhost (`POST /v1/embeddings`, `GET /v1/models`),
 * with the error shapes and status codes of the real ones, for tests and for trying
 * kb.embeddings without a model server. Faults can be injected for the next calls.
 *
 * Vectors are feature-hashed character unigrams and bigrams, so texts that share characters
 * (收银机开不了机 / 收银机无法开机) score a higher cosine than unrelated ones, deterministically.
 * They are deliberately not unit length, as some real servers' are not, so clients must normalise.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** `pass` lets one call through untouched, to place a fault after it. */
export type EmbeddingsFault =
  | { kind: 'pass' }
  /** 429 with `Retry-After` (seconds) when given. */
  | { kind: 'rate_limit'; retryAfter?: number | string; code?: string }
  /** An OpenAI-style error with this status (500, 503, ...); `message` may echo anything. */
  | { kind: 'http'; status: number; message?: string }
  /** Waits, then answers normally (if the client is still there). */
  | { kind: 'delay'; ms: number }
  /** Closes the socket without an answer. */
  | { kind: 'drop' }
  /** Computes the real answer and sends `edit(answer)` instead: a string as-is, anything else as JSON. */
  | { kind: 'tamper'; edit: (answer: EmbeddingsResponse) => unknown; status?: number };

export interface FakeEmbeddingsApiOptions {
  port?: number;
  /** When set, requests need `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Known model names; others get 404 model_not_found. */
  models?: string[];
  /** Native dimension; requests may ask for fewer with `dimensions`. */
  dimensions?: number;
}

export interface ReceivedEmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

const MAX_INPUTS = 2048;

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const s = typeof body === 'string' ? body : JSON.stringify(body);
  const type = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(s), ...headers });
  res.end(s);
}

function apiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** FNV-1a: stable across runs and platforms, unlike anything seeded. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The fake model: exported so tests can compute what the server would answer. */
export function fakeEmbedding(model: string, text: string, dims: number): number[] {
  const v = new Array<number>(dims).fill(0);
  const chars = Array.from(text.toLowerCase()).filter((c) => !/\s/.test(c));
  const add = (feature: string, weight: number): void => {
    // Seeded by the model so two models give unrelated vectors, like real ones do.
    const h = fnv1a(`${model}\u0000${feature}`);
    v[h % dims]! += h & 0x8000_0000 ? -weight : weight;
  };
  chars.forEach((c, i) => {
    add(c, 1);
    if (i + 1 < chars.length) add(c + chars[i + 1]!, 2);
  });
  // Never all zeros (e.g. a text of spaces): real models always give some direction.
  if (!v.some((x) => x !== 0)) v[fnv1a(model) % dims] = 1;
  return v.map((x) => x * 3);
}

export class FakeEmbeddingsApi {
  /** Requests that were answered with embeddings (tampered ones included). */
  readonly received: ReceivedEmbeddingsRequest[] = [];
  private requestCount = 0;
  private inputCount = 0;
  private readonly faults: EmbeddingsFault[] = [];
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  private readonly models: string[];
  private readonly dims: number;

  private constructor(
    private readonly server: http.Server,
    private readonly opts: FakeEmbeddingsApiOptions,
    readonly url: string,
  ) {
    this.models = opts.models ?? ['fake-embed'];
    this.dims = opts.dimensions ?? 128;
  }

  static async start(opts: FakeEmbeddingsApiOptions = {}): Promise<FakeEmbeddingsApi> {
    const server = http.createServer();
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const api = new FakeEmbeddingsApi(server, opts, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => void api.handle(req, res));
    return api;
  }

  /** Every HTTP request, faulted or not (for asserting batching and retries). */
  get requests(): number {
    return this.requestCount;
  }

  /** Texts in the requests answered with embeddings. */
  get inputsSeen(): number {
    return this.inputCount;
  }

  /** The next calls meet these faults, in order. */
  failNext(...faults: EmbeddingsFault[]): void {
    this.faults.push(...faults);
  }

  close(): Promise<void> {
    // Delayed answers would otherwise keep the process (and jest) alive until they fire.
    for (const s of this.sleeping) {
      clearTimeout(s.timer);
      s.wake();
    }
    this.sleeping.clear();
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.sleeping.delete(entry), resolve()), ms), wake: resolve };
      this.sleeping.add(entry);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the client went away mid-request
    }
    this.requestCount++;
    const url = new URL(req.url ?? '/', 'http://x');
    let fault = this.faults.shift();
    if (fault?.kind === 'pass') fault = undefined;
    if (fault?.kind === 'delay') await this.sleep(fault.ms);
    else if (fault?.kind === 'drop') return void req.socket.destroy();
    else if (fault?.kind === 'rate_limit')
      return json(res, 429, apiError('Rate limit reached for requests. Please try again later.', 'requests', fault.code ?? 'rate_limit_exceeded'), fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) });
    else if (fault?.kind === 'http')
      return json(res, fault.status, apiError(fault.message ?? (fault.status === 503 ? 'The server is overloaded or not ready yet.' : 'The server had an error while processing your request.'), 'server_error'));

    if (this.opts.apiKey !== undefined) {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ') || auth.slice(7).trim() === '')
        return json(
          res,
          401,
          apiError("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error'),
        );
      const given = auth.slice(7).trim();
      // Like OpenAI, echo a masked form of the wrong key: clients must not pass this message on.
      if (given !== this.opts.apiKey)
        return json(res, 401, apiError(`Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}.`, 'invalid_request_error', 'invalid_api_key'));
    }

    if (req.method === 'GET' && url.pathname === '/v1/models')
      return json(res, 200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'qunzhu-fake' })) });
    if (req.method !== 'POST' || url.pathname !== '/v1/embeddings')
      return json(res, 404, apiError(`Invalid URL (${req.method ?? 'GET'} ${url.pathname})`, 'invalid_request_error'));

    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    const b = (body ?? {}) as { model?: unknown; input?: unknown; dimensions?: unknown };
    if (typeof b.model !== 'string' || b.model === '') return json(res, 400, apiError("you must provide a model parameter", 'invalid_request_error', null, 'model'));
    if (!this.models.includes(b.model))
      return json(res, 404, apiError(`The model '${b.model}' does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'));
    const input = typeof b.input === 'string' ? [b.input] : b.input;
    if (!Array.isArray(input) || input.length === 0 || !input.every((t): t is string => typeof t === 'string'))
      return json(res, 400, apiError("'input' must be a string or a non-empty array of strings", 'invalid_request_error', null, 'input'));
    if (input.length > MAX_INPUTS) return json(res, 400, apiError(`'input' must have at most ${MAX_INPUTS} items`, 'invalid_request_error', null, 'input'));
    const empty = input.findIndex((t) => t === '');
    if (empty >= 0) return json(res, 400, apiError(`'$.input[${empty}]' is invalid: empty string`, 'invalid_request_error', null, 'input'));
    let dims = this.dims;
    if (b.dimensions !== undefined) {
      if (typeof b.dimensions !== 'number' || !Number.isInteger(b.dimensions) || b.dimensions < 1 || b.dimensions > this.dims)
        return json(res, 400, apiError(`'dimensions' must be an integer between 1 and ${this.dims}`, 'invalid_request_error', null, 'dimensions'));
      dims = b.dimensions;
    }

    const model = b.model;
    this.received.push({ model, input, ...(b.dimensions === undefined ? {} : { dimensions: dims }) });
    this.inputCount += input.length;
    const tokens = input.reduce((n, t) => n + Array.from(t).length, 0);
    const answer: EmbeddingsResponse = {
      object: 'list',
      data: input.map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(model, t, dims) })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
    if (fault?.kind === 'tamper') return json(res, fault.status ?? 200, fault.edit(answer));
    json(res, 200, answer);
  }
}
