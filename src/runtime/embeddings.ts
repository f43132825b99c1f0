/**
 * The optional embeddings side of a snapshot (kb.embeddings): one cached provider per distinct
 * configuration, question vectors attached to a KB in the background (answers go on lexically
 * until they arrive, and if the server is down), query vectors fetched per message with a short
 * timeout and one retry.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/schema';
import { CachedEmbeddings, OpenAiCompatibleEmbeddings } from '../kb/embeddings';
import type { KnowledgeBase } from '../kb/knowledge-base';

export type EmbeddingsConfig = NonNullable<AppConfig['kb']['embeddings']>;

const providers = new Map<string, CachedEmbeddings>();

/** The provider for this configuration (shared across reloads while the configuration is unchanged). */
export function embedderFor(cfg: EmbeddingsConfig, logger: Logger): CachedEmbeddings {
  const key = JSON.stringify(cfg);
  let p = providers.get(key);
  if (!p) {
    const inner = new OpenAiCompatibleEmbeddings({
      baseUrl: cfg.baseUrl,
      model: cfg.model,
      apiKey: cfg.apiKey,
      dimensions: cfg.dimensions,
      timeoutMs: cfg.timeoutMs,
      batchSize: cfg.batchSize,
      maxRetries: 1,
      onRetry: (info) => logger.warn({ event: 'embeddings_retry', attempt: info.attempt, delayMs: info.delayMs, error: info.error.message }, 'embeddings request retried'),
    });
    p = new CachedEmbeddings(inner, { dir: path.resolve(cfg.cacheDir), onWarning: (m) => logger.warn({ event: 'embeddings_cache' }, m) });
    providers.set(key, p);
  }
  return p;
}

/** Fetches (or reads from cache) the KB's question vectors and attaches them. Never throws. */
export async function attachQuestionVectors(kb: KnowledgeBase, cfg: EmbeddingsConfig, logger: Logger): Promise<boolean> {
  const started = Date.now();
  try {
    const vectors = await embedderFor(cfg, logger).embed(kb.questionTexts());
    kb.attachVectors(vectors, cfg.weight);
    logger.info({ event: 'embeddings_attached', questions: vectors.length, model: cfg.model, ms: Date.now() - started }, 'KB question vectors ready: semantic matching on');
    return true;
  } catch (err) {
    logger.warn({ event: 'embeddings_unavailable', error: (err as Error).message }, 'embeddings unavailable: answering with lexical matching only (fix kb.embeddings or the server; the next config reload retries)');
    return false;
  }
}

/** The message's vector, or undefined (no provider, vectors not attached yet, or the server failing). */
export async function queryVector(text: string, kb: KnowledgeBase, cfg: EmbeddingsConfig | undefined, logger: Logger): Promise<Float32Array | undefined> {
  if (!cfg || !kb.hasVectors || !text.trim()) return undefined;
  try {
    return await embedderFor(cfg, logger).embedQuery(text);
  } catch (err) {
    logger.warn({ event: 'embeddings_query_failed', error: (err as Error).message }, 'embedding the message failed: lexical matching only for it');
    return undefined;
  }
}
