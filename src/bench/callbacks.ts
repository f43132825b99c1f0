/** Pre-generated, unique, correctly signed and encrypted AI-bot callbacks for load generation. */
import crypto from 'node:crypto';
import { aibotText, signedCallback } from '../devtools/wecom-peer';
import { RequestPool, wireRequest } from './loadgen';

export const BENCH_BOT = { id: 'bench', name: '门店助手', token: 'benchToken', aesKey: 'benchAESKeyForQunzhuIngestBenchmark00000000' };

const QUESTIONS = ['收银机连不上网怎么办', '会员积分怎么查', '订货截止时间是几点', '怎么申请报销', '小票机不出纸怎么处理'];

/**
 * `n` callbacks, each with its own msgid and a response_url on `responseBase` whose response_code
 * (the request's key) identifies it when the reply arrives. Signed with the current timestamp, so
 * prepare them shortly before use: the service rejects timestamps older than its window (300 s).
 */
export function prepareCallbacks(n: number, responseBase: string, run: string): RequestPool {
  const out = new Array<ReturnType<typeof wireRequest>>(n);
  const salt = crypto.randomBytes(3).toString('hex');
  for (let i = 0; i < n; i++) {
    const code = `${run}-${i}`;
    const plaintext = aibotText({
      msgid: `bench-${run}-${salt}-${i}`,
      chatid: 'wrkBenchGroup',
      userid: `u${i % 500}`,
      text: `@${BENCH_BOT.name} ${QUESTIONS[i % QUESTIONS.length]}`,
      responseUrl: `${responseBase}/cgi-bin/aibot/response?response_code=${code}`,
    });
    const s = signedCallback({ token: BENCH_BOT.token, aesKey: BENCH_BOT.aesKey, plaintext, format: 'json' });
    out[i] = wireRequest(`/callbacks/wecom/${BENCH_BOT.id}?${new URLSearchParams(s.query).toString()}`, s.body, code);
  }
  return new RequestPool(out);
}
