/**
 * The embeddings client and its disk cache against the local OpenAI-compatible fake server
 * (real HTTP, real status codes and error bodies).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeEmbeddingsApi, fakeEmbedding, type EmbeddingsResponse, type FakeEmbeddingsApiOptions } from '../../src/devtools/fake-embeddings-api';
import { CachedEmbeddings, cosine, EmbeddingError, OpenAiCompatibleEmbeddings, type OpenAiCompatibleEmbeddingsOptions } from '../../src/kb/embeddings';

const KEY = 'sk-qunzhu-test-0123456789abcdef';
const MODEL = 'fake-embed';
// Small backoff so retries cost milliseconds.
const FAST = { backoffMs: 2, maxBackoffMs: 10, maxRetryAfterMs: 150 };

const servers: FakeEmbeddingsApi[] = [];
const dirs: string[] = [];

async function server(opts: FakeEmbeddingsApiOptions = {}): Promise<FakeEmbeddingsApi> {
  const api = await FakeEmbeddingsApi.start({ models: [MODEL, 'other-embed'], dimensions: 64, ...opts });
  servers.push(api);
  return api;
}

function client(api: FakeEmbeddingsApi, opts: Partial<OpenAiCompatibleEmbeddingsOptions> = {}): OpenAiCompatibleEmbeddings {
  return new OpenAiCompatibleEmbeddings({ baseUrl: api.url, model: MODEL, ...FAST, ...opts });
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qz-emb-'));
  dirs.push(dir);
  return dir;
}

function cacheFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.f32')).map((f) => path.join(dir, f));
}

async function failure(p: Promise<unknown>): Promise<EmbeddingError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EmbeddingError);
    return e as EmbeddingError;
  }
  throw new Error('expected an EmbeddingError');
}

function norm(v: Float32Array): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function unit(values: number[]): number[] {
  const n = Math.sqrt(values.reduce((s, x) => s + x * x, 0));
  return values.map((x) => x / n);
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('OpenAiCompatibleEmbeddings', () => {
  it('returns unit vectors in input order, with the Bearer key', async () => {
    const api = await server({ apiKey: KEY });
    const texts = ['收银机开不了机', '打印机卡纸', 'wifi 密码是多少'];
    const vs = await client(api, { apiKey: KEY }).embed(texts);
    expect(vs).toHaveLength(3);
    vs.forEach((v, i) => {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(64);
      expect(norm(v)).toBeCloseTo(1, 5);
      const expected = unit(fakeEmbedding(MODEL, texts[i]!, 64));
      expected.forEach((x, d) => expect(v[d]).toBeCloseTo(x, 5));
    });
  });

  it('puts vectors back in order when the server answers out of order', async () => {
    const api = await server();
    api.failNext({ kind: 'tamper', edit: (a) => ({ ...a, data: [...a.data].reverse() }) });
    const texts = ['一', '二二', '三三三'];
    const shuffled = await client(api).embed(texts);
    const straight = await client(api).embed(texts);
    shuffled.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(straight[i]!)));
  });

  it('batches by batchSize', async () => {
    const api = await server();
    const texts = Array.from({ length: 7 }, (_, i) => `问题 ${i}`);
    const vs = await client(api, { batchSize: 3 }).embed(texts);
    expect(vs).toHaveLength(7);
    expect(api.requests).toBe(3);
    expect(api.inputsSeen).toBe(7);
    expect(api.received.map((r) => r.input.length)).toEqual([3, 3, 1]);
    expect(await client(api).embed([])).toEqual([]);
    expect(api.requests).toBe(3);
  });

  it.each(['', '/', '/v1', '/v1/', '/v1/embeddings'])('accepts baseUrl ending in %p', async (suffix) => {
    const api = await server();
    const c = new OpenAiCompatibleEmbeddings({ baseUrl: api.url + suffix, model: MODEL });
    expect(await c.embed(['你好'])).toHaveLength(1);
  });

  it('passes dimensions and checks what comes back', async () => {
    const api = await server();
    const [v] = await client(api, { dimensions: 16 }).embed(['门店']);
    expect(v).toHaveLength(16);
    expect(api.received[0]?.dimensions).toBe(16);
    const err = await failure(client(api, { dimensions: 100 }).embed(['门店']));
    expect(err.status).toBe(400);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/rejected the request \(400\).*dimensions.*kb\.embeddings\.dimensions/);
  });

  it('retries 429 (honouring Retry-After, capped) and 503, then succeeds', async () => {
    const api = await server();
    api.failNext({ kind: 'rate_limit', retryAfter: 1 }, { kind: 'http', status: 503 });
    const retries: number[] = [];
    const started = Date.now();
    const vs = await client(api, { onRetry: (r) => retries.push(r.delayMs) }).embed(['a', 'b']);
    const elapsed = Date.now() - started;
    expect(vs).toHaveLength(2);
    expect(api.requests).toBe(3);
    expect(retries[0]).toBe(150); // Retry-After: 1 s, capped by maxRetryAfterMs
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(1000);
  });

  it('retries 500 and dropped connections', async () => {
    const api = await server();
    api.failNext({ kind: 'http', status: 500 }, { kind: 'drop' });
    expect(await client(api).embed(['x'])).toHaveLength(1);
    expect(api.requests).toBe(3);
  });

  it('gives up after maxRetries with how many attempts it made', async () => {
    const api = await server();
    api.failNext(...Array.from({ length: 5 }, () => ({ kind: 'http' as const, status: 503 })));
    const err = await failure(client(api, { maxRetries: 2 }).embed(['x']));
    expect(api.requests).toBe(3);
    expect(err).toMatchObject({ status: 503, retryable: true, attempts: 3 });
    expect(err.message).toMatch(/failed \(503\).*overloaded.*still after 3 attempts: check the embeddings server's logs/);
  });

  it('does not retry a wrong or missing key, and says which setting to check', async () => {
    const api = await server({ apiKey: KEY });
    const wrong = await failure(client(api, { apiKey: 'sk-wrong-key-zzzz' }).embed(['x']));
    expect(wrong).toMatchObject({ status: 401, retryable: false });
    expect(wrong.message).toBe('embeddings API refused the key (401): check kb.embeddings.apiKey');
    const missing = await failure(client(api).embed(['x']));
    expect(missing.message).toMatch(/wants a key \(401\): set kb\.embeddings\.apiKey/);
    expect(api.requests).toBe(2);
  });

  it('does not retry an unknown model or a wrong path', async () => {
    const api = await server();
    const model = await failure(client(api, { model: 'bge-m3' }).embed(['x']));
    expect(model).toMatchObject({ status: 404, retryable: false, code: 'model_not_found' });
    expect(model.message).toContain(`model bge-m3 not found at ${api.url}/v1/embeddings`);
    expect(model.message).toMatch(/check kb\.embeddings\.model \/ that the model is pulled$/);
    const wrongPath = await failure(new OpenAiCompatibleEmbeddings({ baseUrl: `${api.url}/api`, model: MODEL, ...FAST }).embed(['x']));
    expect(wrongPath.message).toMatch(/no embeddings endpoint at .*\/api\/v1\/embeddings \(404\): check kb\.embeddings\.baseUrl/);
    expect(api.requests).toBe(2);
  });

  it('does not retry a 429 that means the quota is used up', async () => {
    const api = await server();
    api.failNext({ kind: 'rate_limit', code: 'insufficient_quota' });
    const err = await failure(client(api).embed(['x']));
    expect(err).toMatchObject({ status: 429, retryable: false });
    expect(err.message).toMatch(/quota/);
    expect(api.requests).toBe(1);
  });

  it('says when nothing listens at baseUrl', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
    });
    const c = new OpenAiCompatibleEmbeddings({ baseUrl: `http://127.0.0.1:${port}/v1`, model: MODEL, maxRetries: 1, ...FAST });
    const err = await failure(c.embed(['x']));
    expect(err).toMatchObject({ retryable: true, code: 'ECONNREFUSED', attempts: 2 });
    expect(err.message).toBe(`cannot reach embeddings API at http://127.0.0.1:${port}/v1/embeddings, still after 2 attempts: is the server running? (kb.embeddings.baseUrl)`);
  });

  it('never puts the key in an error, even when the server echoes it', async () => {
    const api = await server({ apiKey: KEY });
    api.failNext(
      { kind: 'http', status: 500, message: `upstream rejected headers {"authorization":"Bearer ${KEY}"} key=${KEY}` },
      { kind: 'tamper', status: 400, edit: () => ({ error: { message: `bad request from ${KEY}` } }) },
    );
    const errors = [
      await failure(client(api, { apiKey: KEY, maxRetries: 0 }).embed(['x'])),
      await failure(client(api, { apiKey: KEY }).embed(['x'])),
      await failure(client(api, { apiKey: `${KEY}-wrong` }).embed(['x'])),
      await failure(new OpenAiCompatibleEmbeddings({ baseUrl: 'http://127.0.0.1:1', model: MODEL, apiKey: KEY, maxRetries: 0 }).embed(['x'])),
    ];
    try {
      new OpenAiCompatibleEmbeddings({ baseUrl: api.url, model: MODEL, apiKey: `${KEY}\nExtra: 1` });
    } catch (e) {
      errors.push(e as EmbeddingError);
    }
    expect(errors).toHaveLength(5);
    expect(errors[4]!.message).toMatch(/kb\.embeddings\.apiKey contains spaces/);
    expect(errors[0]!.message).toContain('upstream rejected headers');
    for (const e of errors) {
      const all = [e.message, e.stack, JSON.stringify(e), String(e.cause), JSON.stringify(e.cause)].join('\n');
      expect(all).not.toContain(KEY);
      expect(all).not.toContain(KEY.slice(3, -4));
    }
  });

  it('times out a server that does not answer, then retries', async () => {
    const api = await server();
    api.failNext({ kind: 'delay', ms: 1000 });
    const started = Date.now();
    const err = await failure(client(api, { timeoutMs: 100, maxRetries: 0 }).embed(['x']));
    expect(Date.now() - started).toBeLessThan(600);
    expect(err).toMatchObject({ retryable: true, code: 'ETIMEDOUT' });
    expect(err.message).toMatch(/did not answer within 100 ms: .*kb\.embeddings\.timeoutMs/);

    api.failNext({ kind: 'delay', ms: 1000 });
    expect(await client(api, { timeoutMs: 100, maxRetries: 1 }).embed(['x'])).toHaveLength(1);
  });

  const broken: Array<[string, (a: EmbeddingsResponse) => unknown, RegExp]> = [
    ['not JSON', () => '<html>502 Bad Gateway</html>', /not JSON/],
    ['no data', () => ({ object: 'list' }), /no "data" list/],
    ['an error with status 200', () => ({ error: { message: 'model is loading' } }), /an error instead of embeddings: model is loading/],
    ['too few vectors', (a) => ({ ...a, data: a.data.slice(1) }), /1 embeddings for 2 texts/],
    ['a repeated index', (a) => ({ ...a, data: a.data.map((d) => ({ ...d, index: 0 })) }), /index 0 appears twice/],
    ['an index out of range', (a) => ({ ...a, data: a.data.map((d, i) => ({ ...d, index: i + 5 })) }), /index is 5, expected 0\.\.1/],
    ['mixed dimensions', (a) => ({ ...a, data: a.data.map((d, i) => ({ ...d, embedding: Array.from({ length: 10 + i }, () => 1) })) }), /different dimensions in one answer \(10 and 11\)/],
    ['a non-number', (a) => ({ ...a, data: a.data.map((d) => ({ ...d, embedding: [...d.embedding.slice(1), null] })) }), /contains null, not a number/],
    ['a string embedding', (a) => ({ ...a, data: a.data.map((d) => ({ ...d, embedding: 'AAAA' })) }), /not a list of numbers/],
    ['a zero vector', (a) => ({ ...a, data: a.data.map((d) => ({ ...d, embedding: d.embedding.map(() => 0) })) }), /all zeros/],
  ];
  it.each(broken)('rejects an answer with %s, without retrying', async (_what, edit, message) => {
    const api = await server();
    api.failNext({ kind: 'tamper', edit });
    const err = await failure(client(api).embed(['甲', '乙']));
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/unusable answer: .*: is kb\.embeddings\.baseUrl an OpenAI-compatible embeddings server\?$/);
    expect(api.requests).toBe(1);
  });

  it('refuses empty texts and unusable settings before sending anything', async () => {
    const api = await server();
    await expect(client(api).embed(['ok', ''])).rejects.toThrow(/empty text \(input #1\)/);
    expect(() => new OpenAiCompatibleEmbeddings({ baseUrl: 'localhost:11434', model: MODEL })).toThrow(/kb\.embeddings\.baseUrl is not an http\(s\) URL/);
    expect(() => new OpenAiCompatibleEmbeddings({ baseUrl: 'http://u:secret@h', model: MODEL })).toThrow(/kb\.embeddings\.apiKey instead/);
    expect(() => new OpenAiCompatibleEmbeddings({ baseUrl: api.url, model: MODEL, batchSize: 0 })).toThrow(/kb\.embeddings\.batchSize/);
    expect(() => new OpenAiCompatibleEmbeddings({ baseUrl: api.url, model: '' })).toThrow(/kb\.embeddings\.model/);
    expect(api.requests).toBe(0);
  });
});

describe('cosine', () => {
  it('ranks a near text above an unrelated one', async () => {
    const api = await server();
    const [q, near, far] = await client(api).embed(['收银机开不了机', '收银机无法开机怎么办', '今天的促销海报在哪里领']);
    expect(cosine(q!, q!)).toBeCloseTo(1, 5);
    expect(cosine(q!, near!)).toBeGreaterThan(cosine(q!, far!) + 0.2);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosine(new Float32Array(3), new Float32Array(4))).toThrow(/same embeddings model/);
  });
});

describe('CachedEmbeddings', () => {
  it('sends only misses, and nothing the second time', async () => {
    const api = await server();
    const cache = new CachedEmbeddings(client(api), { dir: tempDir() });
    const first = await cache.embed(['甲', '乙', '甲']);
    expect(api.received.map((r) => r.input)).toEqual([['甲', '乙']]);
    expect(first[0]).toBe(first[2]);
    const again = await cache.embed(['乙', '甲']);
    expect(api.requests).toBe(1);
    expect(again[0]).toBe(first[1]);
    await cache.embed(['丙', '甲', '丁']);
    expect(api.received.map((r) => r.input)).toEqual([['甲', '乙'], ['丙', '丁']]);
  });

  it('survives a new instance (disk), per model', async () => {
    const api = await server();
    const dir = tempDir();
    const texts = Array.from({ length: 40 }, (_, i) => `第${i}条知识`);
    const original = await new CachedEmbeddings(client(api), { dir }).embed(texts);
    expect(api.inputsSeen).toBe(40);
    expect(cacheFiles(dir).length).toBeGreaterThan(1); // sharded

    const reloaded = await new CachedEmbeddings(client(api), { dir }).embed(texts);
    expect(api.inputsSeen).toBe(40);
    reloaded.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(original[i]!)));

    // Another model, or the same one asked for fewer dimensions, is a different vector space.
    await new CachedEmbeddings(client(api, { model: 'other-embed' }), { dir }).embed(texts.slice(0, 2));
    const [short] = await new CachedEmbeddings(client(api, { dimensions: 8 }), { dir }).embed(texts.slice(0, 1));
    expect(short).toHaveLength(8);
    expect(api.inputsSeen).toBe(43);
  });

  it('ignores a corrupt or truncated cache file with a warning, and repairs it', async () => {
    const api = await server();
    const dir = tempDir();
    const texts = Array.from({ length: 30 }, (_, i) => `门店${i}号`);
    const original = await new CachedEmbeddings(client(api), { dir }).embed(texts);
    const files = cacheFiles(dir).sort();
    const truncated = files[0]!;
    fs.truncateSync(truncated, fs.statSync(truncated).size - 7);
    const flipped = files[1]!;
    const bytes = fs.readFileSync(flipped);
    bytes[bytes.length - 40]! ^= 0xff;
    fs.writeFileSync(flipped, bytes);
    fs.writeFileSync(path.join(path.dirname(truncated), '.00.f32.123.abcd.tmp'), 'half a write');

    const warnings: string[] = [];
    const seen = api.inputsSeen;
    const again = await new CachedEmbeddings(client(api), { dir, onWarning: (w) => warnings.push(w) }).embed(texts);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/is corrupt \(truncated: \d+ of \d+ bytes\); ignoring it/);
    expect(warnings[1]).toMatch(/is corrupt \(checksum mismatch\); ignoring it/);
    expect(api.inputsSeen - seen).toBeGreaterThan(0);
    expect(api.inputsSeen - seen).toBeLessThan(texts.length);
    again.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(original[i]!)));

    const repaired = api.inputsSeen;
    const later: string[] = [];
    await new CachedEmbeddings(client(api), { dir, onWarning: (w) => later.push(w) }).embed(texts);
    expect(later).toEqual([]);
    expect(api.inputsSeen).toBe(repaired);
  });

  it('keeps query vectors in a bounded memory map, not on disk', async () => {
    const api = await server();
    const dir = tempDir();
    const cache = new CachedEmbeddings(client(api), { dir, memoryEntries: 2 });
    const q = await cache.embedQuery('打印机没反应');
    expect(await cache.embedQuery('打印机没反应')).toBe(q);
    expect(api.requests).toBe(1);
    expect(cacheFiles(dir)).toEqual([]);
    await cache.embedQuery('问题二');
    await cache.embedQuery('问题三'); // evicts the oldest
    await cache.embedQuery('打印机没反应');
    expect(api.requests).toBe(4);
    // A document already on disk serves queries too.
    await cache.embed(['门店营业时间']);
    await new CachedEmbeddings(client(api), { dir }).embedQuery('门店营业时间');
    expect(api.requests).toBe(5);
  });

  it('discards cached vectors when the model starts answering another dimension', async () => {
    const dir = tempDir();
    const small = await server({ dimensions: 32 });
    await new CachedEmbeddings(client(small), { dir }).embed(['甲', '乙']);
    const big = await server({ dimensions: 48 });
    const warnings: string[] = [];
    const vs = await new CachedEmbeddings(client(big), { dir, onWarning: (w) => warnings.push(w) }).embed(['甲', '丙']);
    expect(vs.map((v) => v.length)).toEqual([48, 48]);
    expect(warnings.join('\n')).toMatch(/now returns 48-dimensional vectors, the cache holds 32/);
    expect(big.received.map((r) => r.input)).toEqual([['丙'], ['甲']]);
  });
});
