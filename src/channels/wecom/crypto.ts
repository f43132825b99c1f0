/**
 * WeCom callback crypto around @wecom/crypto, adding what the library leaves out (see
 * ../shared/PROTOCOLS.md §1.2): constant-time signature comparison, a replay window, receiveid
 * checking, and turning every failure into a reason code instead of an exception.
 */
import { encrypt, getSignature } from '@wecom/crypto';
import crypto from 'node:crypto';

export type RejectReason =
  | 'missing_params'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'bad_base64'
  | 'decrypt_failed'
  | 'wrong_receiveid'
  | 'malformed_body'
  | 'malformed_payload'
  | 'unknown_bot'
  | 'body_too_large';

export interface SignedParams {
  msgSignature?: string;
  timestamp?: string;
  nonce?: string;
  encrypt?: string;
}

export type OpenResult = { ok: true; plaintext: string } | { ok: false; reason: RejectReason };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * AES-256-CBC decryption for callbacks, built on ONE long-lived AES-256-ECB decipher per key.
 * Creating a cipher per request (createDecipheriv) costs tens of microseconds under OpenSSL 3 —
 * the largest cost on the ack path — while ECB over whole blocks is stateless, so one context
 * serves every request: CBC plaintext block i = ECB⁻¹(C_i) XOR C_{i-1} (C_{-1} = IV = key[0..16)).
 */
class CbcDecryptor {
  private readonly ecb: crypto.Decipher;
  private readonly iv: Buffer;

  constructor(key: Buffer) {
    this.ecb = crypto.createDecipheriv('aes-256-ecb', key, null);
    this.ecb.setAutoPadding(false);
    this.iv = key.subarray(0, 16);
  }

  /** `data` must be a whole number of 16-byte blocks. */
  decrypt(data: Buffer): Buffer {
    const out = this.ecb.update(data);
    for (let i = 0; i < out.length; i++) out[i]! ^= i < 16 ? this.iv[i]! : data[i - 16]!;
    return out;
  }
}

/**
 * Decrypts like @wecom/crypto's `decrypt`, but strictly: @wecom/crypto accepts any pad byte and
 * any declared length, so a ciphertext made with another key decrypts to garbage whose receiveid
 * often comes out as '' — exactly the AI bot's receiveid. Here the PKCS#7 padding (1..32, all
 * bytes equal) and the declared message length must both be consistent, or it is not ours.
 */
function strictDecrypt(cbc: CbcDecryptor, encrypted: string): { message: string; id: string } | undefined {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 32 !== 0) return undefined;
  const plain = cbc.decrypt(data);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 32 || pad > plain.length) return undefined;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return undefined;
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) return undefined;
  const len = body.readUInt32BE(16);
  if (20 + len > body.length) return undefined;
  return { message: body.subarray(20, 20 + len).toString('utf8'), id: body.subarray(20 + len).toString('utf8') };
}

function timingSafeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a.toLowerCase(), 'utf8');
  const bb = Buffer.from(b.toLowerCase(), 'utf8');
  // Compare equal-length buffers only; the length of a SHA-1 hex is public anyway.
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export class WecomCrypto {
  private readonly token: string;
  private readonly aesKey: string;
  private readonly cbc: CbcDecryptor;
  private readonly receiveId: string;

  constructor(opts: { token: string; encodingAESKey: string; receiveId?: string }) {
    this.token = opts.token;
    this.aesKey = opts.encodingAESKey;
    const key = Buffer.from(`${opts.encodingAESKey}=`, 'base64');
    if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes (43 characters from the WeCom console)');
    this.cbc = new CbcDecryptor(key);
    // AI bot and group robot: WeCom documents receiveid as the empty string.
    this.receiveId = opts.receiveId ?? '';
  }

  signature(timestamp: string, nonce: string, encrypted: string): string {
    return getSignature(this.token, timestamp, nonce, encrypted);
  }

  /** Verifies and decrypts. Never throws. `nowSec`/`windowSec` bound replays of captured callbacks. */
  open(p: SignedParams, nowSec: number, windowSec: number): OpenResult {
    const { msgSignature, timestamp, nonce } = p;
    // Query parsers may turn '+' into ' ' (PROTOCOLS §1.3): map it back before anything else.
    const enc = p.encrypt?.replace(/ /g, '+');
    if (!msgSignature || !timestamp || !nonce || !enc) return { ok: false, reason: 'missing_params' };
    if (!/^[0-9a-fA-F]{40}$/.test(msgSignature)) return { ok: false, reason: 'bad_signature' };
    if (!timingSafeEqualHex(this.signature(timestamp, nonce, enc), msgSignature)) return { ok: false, reason: 'bad_signature' };
    if (!/^\d{1,13}$/.test(timestamp)) return { ok: false, reason: 'stale_timestamp' };
    // WeCom sends seconds; accept milliseconds too (DingTalk style) rather than reject a clock format.
    const tsSec = timestamp.length > 11 ? Math.floor(Number(timestamp) / 1000) : Number(timestamp);
    if (Math.abs(nowSec - tsSec) > windowSec) return { ok: false, reason: 'stale_timestamp' };
    if (!BASE64.test(enc) || enc.length % 4 !== 0) return { ok: false, reason: 'bad_base64' };
    const opened = strictDecrypt(this.cbc, enc);
    if (!opened) return { ok: false, reason: 'decrypt_failed' };
    if (opened.id !== this.receiveId) return { ok: false, reason: 'wrong_receiveid' };
    return { ok: true, plaintext: opened.message };
  }

  /** Encrypts a passive reply in the JSON shape (AI bot / JSON group robot). */
  seal(plaintext: string, nonce: string, timestampSec: number): { encrypt: string; msgsignature: string; timestamp: number; nonce: string } {
    const enc = encrypt(this.aesKey, plaintext, this.receiveId);
    return { encrypt: enc, msgsignature: this.signature(String(timestampSec), nonce, enc), timestamp: timestampSec, nonce };
  }
}
