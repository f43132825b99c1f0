/**
 * WeCom callback crypto around @wecom/crypto, adding what the library leaves out (see
 * ../shared/PROTOCOLS.md §1.2): constant-time signature comparison, a replay window, receiveid
 * checking, and turning every failure into a reason code instead of an exception.
 */
import { decrypt, encrypt, getSignature } from '@wecom/crypto';
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

function timingSafeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a.toLowerCase(), 'utf8');
  const bb = Buffer.from(b.toLowerCase(), 'utf8');
  // Compare equal-length buffers only; the length of a SHA-1 hex is public anyway.
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export class WecomCrypto {
  private readonly token: string;
  private readonly aesKey: string;
  private readonly receiveId: string;

  constructor(opts: { token: string; encodingAESKey: string; receiveId?: string }) {
    this.token = opts.token;
    this.aesKey = opts.encodingAESKey;
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
    let message: string;
    let id: string;
    try {
      ({ message, id } = decrypt(this.aesKey, enc));
    } catch {
      return { ok: false, reason: 'decrypt_failed' };
    }
    // A wrong key does not throw, it yields garbage: the receiveid check is what catches it.
    if (id !== this.receiveId) return { ok: false, reason: 'wrong_receiveid' };
    return { ok: true, plaintext: message };
  }

  /** Encrypts a passive reply in the JSON shape (AI bot / JSON group robot). */
  seal(plaintext: string, nonce: string, timestampSec: number): { encrypt: string; msgsignature: string; timestamp: number; nonce: string } {
    const enc = encrypt(this.aesKey, plaintext, this.receiveId);
    return { encrypt: enc, msgsignature: this.signature(String(timestampSec), nonce, enc), timestamp: timestampSec, nonce };
  }
}
