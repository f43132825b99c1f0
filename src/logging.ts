/**
 * pino logger with secrets redacted. Two layers: structured redaction of known secret fields, and
 * `maskUrlSecrets` for URLs (webhook keys, response codes, tokens live in query strings).
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const SECRET_FIELDS = ['token', 'encodingAESKey', 'webhookKey', 'secret', 'clientSecret', 'appSecret', 'corpsecret', 'password', 'accessToken'];

const URL_SECRET_PARAMS = /([?&](?:key|response_code|access_token|corpsecret|appsecret|sign|code|session)=)[^&\s"']+/gi;

export function maskUrlSecrets(s: string): string {
  return s.replace(URL_SECRET_PARAMS, '$1***');
}

/** Masks a user id or phone for logs: keeps enough to correlate, not enough to identify. */
export function maskId(id: string): string {
  if (id.length <= 4) return `${id.slice(0, 1)}***`;
  return `${id.slice(0, 2)}***${id.slice(-2)}`;
}

export function createLogger(opts: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const paths = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `bots[*].${f}`, `config.bots[*].${f}`]);
  const options: LoggerOptions = {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { app: 'qunzhu' },
    redact: { paths, censor: '[redacted]' },
    ...opts,
  };
  return destination ? pino(options, destination) : pino(options);
}
