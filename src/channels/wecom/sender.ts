/**
 * HTTP calls to WeCom's send side. WeCom answers HTTP 200 for most failures, with a non-zero
 * errcode in the body, so success is decided by errcode, and each failure is sorted into what the
 * outbox should do about it.
 */
import { maskUrlSecrets } from '../../logging';

export type FailureKind = 'rate_limited' | 'permanent' | 'transient';

export type SendOutcome = { ok: true } | { ok: false; kind: FailureKind; errcode?: number; status?: number; message: string };

/** Frequency/concurrency limits: wait and retry. */
const RATE_LIMITED = new Set([45009, 45033]);
/** WeCom's "system busy": retry with backoff. */
const TRANSIENT = new Set([-1]);

export function classifyErrcode(errcode: number): FailureKind {
  if (RATE_LIMITED.has(errcode)) return 'rate_limited';
  if (TRANSIENT.has(errcode)) return 'transient';
  // 93000 invalid webhook, 40058 bad content, 40008 bad type, 60020 IP not allowed, …: retrying
  // the same request cannot succeed; an admin has to fix config.
  return 'permanent';
}

export async function postWecomJson(url: string, body: unknown, timeoutMs = 10_000): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { ok: false, kind: 'transient', message: maskUrlSecrets(`network error: ${e.cause?.code ?? e.name}: ${e.message}`) };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429) return { ok: false, kind: 'rate_limited', status: 429, message: 'HTTP 429' };
  if (res.status >= 500) return { ok: false, kind: 'transient', status: res.status, message: `HTTP ${res.status}` };
  if (res.status >= 400) return { ok: false, kind: 'permanent', status: res.status, message: `HTTP ${res.status}: ${maskUrlSecrets(text.slice(0, 200))}` };
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return { ok: false, kind: 'transient', status: res.status, message: `non-JSON answer: ${maskUrlSecrets(text.slice(0, 120))}` };
  }
  const errcode = typeof parsed.errcode === 'number' ? parsed.errcode : Number(parsed.errcode ?? 0);
  if (errcode === 0) return { ok: true };
  const message = maskUrlSecrets(`errcode ${errcode}: ${String(parsed.errmsg ?? '')}`);
  return { ok: false, kind: classifyErrcode(errcode), errcode, status: res.status, message };
}
