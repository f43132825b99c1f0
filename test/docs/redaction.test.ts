import { createLogger, maskId, maskUrlSecrets } from '../../src/logging';

describe('secrets never reach the logs', () => {
  it('redacts secret fields wherever they sit', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info' }, { write: (s: string) => lines.push(s) });
    log.info({ token: 'T0KEN', bot: { encodingAESKey: 'AESKEY', webhookKey: 'WHK' }, config: { bots: [{ token: 'T2', clientSecret: 'CS' }] } }, 'x');
    const out = lines.join('');
    for (const secret of ['T0KEN', 'AESKEY', 'WHK', 'T2', 'CS']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks webhook keys, response codes and tokens in URLs', () => {
    expect(maskUrlSecrets('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc-123&debug=1')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***&debug=1');
    expect(maskUrlSecrets('POST /cgi-bin/aibot/response?response_code=XYZ')).toBe('POST /cgi-bin/aibot/response?response_code=***');
    expect(maskUrlSecrets('gettoken?corpid=ww1&corpsecret=S3CRET')).toBe('gettoken?corpid=ww1&corpsecret=***');
  });

  it('masks user ids for logs', () => {
    expect(maskId('zhangsan')).toBe('zh***an');
    expect(maskId('ab')).toBe('a***');
  });
});
