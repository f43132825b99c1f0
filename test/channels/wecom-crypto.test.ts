/** The official vectors of ../shared/PROTOCOLS.md §1.4, through our wrapper. */
import { WecomCrypto } from '../../src/channels/wecom/crypto';
import { extractEncrypt } from '../../src/channels/wecom/parse';
import { signedCallback } from '../../src/devtools/wecom-peer';

const A = { token: 'QDG6eK', key: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', corpId: 'wx5823bf96d3bd56c7' };

describe('vector A: WeCom official sample', () => {
  const c = new WecomCrypto({ token: A.token, encodingAESKey: A.key, receiveId: A.corpId });

  it('answers URL verification with the exact plaintext', () => {
    const r = c.open(
      {
        msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
        timestamp: '1409659589',
        nonce: '263014780',
        encrypt: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
      },
      1409659589,
      300,
    );
    expect(r).toEqual({ ok: true, plaintext: '1616140317555161061' });
  });

  it('decrypts the message POST', () => {
    const body =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>';
    const env = extractEncrypt(body);
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    const r = c.open({ msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6', timestamp: '1409659813', nonce: '1372623149', encrypt: env.encrypt }, 1409659813, 300);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.plaintext).toContain('<Content><![CDATA[hello]]></Content>');
      expect(r.plaintext).toContain('<MsgId>4561255354251345929</MsgId>');
    }
  });

  it('rejects the same vector for an AI bot (receiveid must be empty there)', () => {
    const aibot = new WecomCrypto({ token: A.token, encodingAESKey: A.key });
    const r = aibot.open(
      {
        msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
        timestamp: '1409659589',
        nonce: '263014780',
        encrypt: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
      },
      1409659589,
      300,
    );
    expect(r).toEqual({ ok: false, reason: 'wrong_receiveid' });
  });

  it('maps a "+" that became a space back (percent-decoding accident)', () => {
    const r = c.open(
      {
        msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
        timestamp: '1409659589',
        nonce: '263014780',
        encrypt: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp 4RPcs8TgAE7OaBO FZXvnaqQ==',
      },
      1409659589,
      300,
    );
    expect(r.ok).toBe(true);
  });
});

describe('vector B: DingTalk HTTP event callback', () => {
  it('decrypts with the same scheme (millisecond timestamps accepted)', () => {
    const c = new WecomCrypto({ token: 'mryue', encodingAESKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', receiveId: 'ding6ccabc44d2c8d38b' });
    const r = c.open(
      {
        msgSignature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
        timestamp: '1608001896814',
        nonce: 'WL4PK6yA',
        encrypt: '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
      },
      1608001896,
      300,
    );
    expect(r).toEqual({ ok: true, plaintext: '{"EventType":"check_url"}' });
  });
});

describe('vector C: AI-bot JSON (regression fixture)', () => {
  const plaintext =
    '{"msgid":"MSGID1","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"zhangsan"},"response_url":"https://example.invalid/resp","msgtype":"text","text":{"content":"@RobotA hello"}}';
  it('is reproduced by our peer and opened by our wrapper', () => {
    const signed = signedCallback({ token: A.token, aesKey: A.key, plaintext, format: 'json', timestamp: '1700000000', nonce: 'nonce123', random: Buffer.alloc(16, 0x30) });
    const enc = (JSON.parse(signed.body) as { encrypt: string }).encrypt;
    expect(enc).toBe(
      'PzGmUgWk50kxC6Ee1E5Yx5OX9/SglA7MhHSVWvH6KKMWFagN+tm3yLz1aSOREPfb3ayO+KlsY3wY67xChATFaSgjws3mTjG6GcH9h0PvmmEM1OR3nwK6qzvzdd+o3oQqX+ZzospSgGawnKU/HevKVwNlT7K9F6Y5w4Dm8Ji2bx6PjkjH5OEsZ0ltTAjrZdWNXrW7hZqPA5LkFu87NJzrN1YQvlk0AceMpdzb6ted+KQVJHlZ/4X2acQMvysugyyP/WRYJuZopsyCBLUXpOGwHmY6sDpPgpTmM2p/EOQe+So=',
    );
    expect(signed.query.msg_signature).toBe('88162d37dc4c685b954f8400e4152fe6eb7176b3');
    const c = new WecomCrypto({ token: A.token, encodingAESKey: A.key });
    expect(c.open({ msgSignature: signed.query.msg_signature, timestamp: '1700000000', nonce: 'nonce123', encrypt: enc }, 1700000100, 300)).toEqual({ ok: true, plaintext });
  });

  it('seals a passive JSON reply that opens again', () => {
    const c = new WecomCrypto({ token: A.token, encodingAESKey: A.key });
    const sealed = c.seal('{"msgtype":"text"}', 'n1', 1700000000);
    expect(c.open({ msgSignature: sealed.msgsignature, timestamp: '1700000000', nonce: 'n1', encrypt: sealed.encrypt }, 1700000000, 300)).toEqual({
      ok: true,
      plaintext: '{"msgtype":"text"}',
    });
  });
});
