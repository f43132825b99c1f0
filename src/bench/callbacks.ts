/** Pre-generated, unique, correctly signed and encrypted AI-bot callbacks for load generation. */
import crypto from 'node:crypto';
import { aibotText, signedCallback } from '../devtools/wecom-peer';

export const BENCH_BOT = { id: 'bench', name: '门店助手', token: 'benchToken', aesKey: 'benchAESKeyForQunzhuIngestBenchmark00000000' };

export interface PreparedRequest {
  path: string;
  body: string;
  /** response_code embedded in the callback, to match replies in the end-to-end run. */
  code: string;
}

export function prepareCallbacks(n: number, responseBase: string, run: string): PreparedRequest[] {
  const out: PreparedRequest[] = new Array<PreparedRequest>(n);
  const questions = ['收银机连不上网怎么办', '会员积分怎么查', '订货截止时间是几点', '怎么申请报销', '小票机不出纸怎么处理'];
  for (let i = 0; i < n; i++) {
    const code = `${run}-${i}`;
    const plaintext = aibotText({
      msgid: `bench-${run}-${i}-${crypto.randomBytes(3).toString('hex')}`,
      chatid: 'wrkBenchGroup',
      userid: `u${i % 500}`,
      text: `@${BENCH_BOT.name} ${questions[i % questions.length]}`,
      responseUrl: `${responseBase}/cgi-bin/aibot/response?response_code=${code}`,
    });
    const s = signedCallback({ token: BENCH_BOT.token, aesKey: BENCH_BOT.aesKey, plaintext, format: 'json' });
    out[i] = { path: `/callbacks/wecom/${BENCH_BOT.id}?${new URLSearchParams(s.query).toString()}`, body: s.body, code };
  }
  return out;
}
