/**
 * Holds the current RuntimeSnapshot and hot-reloads it when config or KB files change.
 * An invalid edit is rejected with one logged error naming file and line; the last good snapshot
 * keeps serving, so nothing is dropped while an admin fixes a typo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { ConfigLocation } from '../config/load';
import { attachQuestionVectors } from './embeddings';
import { loadSnapshot, loadSnapshotAsync, type RuntimeSnapshot } from './snapshot';

export type ReloadResult = { ok: true; snapshot: RuntimeSnapshot } | { ok: false; error: Error };

export class RuntimeStore {
  private current: RuntimeSnapshot;
  private watchers: fs.FSWatcher[] = [];
  private debounce: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(s: RuntimeSnapshot) => void>();

  constructor(
    initial: RuntimeSnapshot,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.current = initial;
  }

  static open(location: ConfigLocation, logger: Logger, env: NodeJS.ProcessEnv = process.env): RuntimeStore {
    const snapshot = loadSnapshot(location, env);
    // Question vectors arrive in the background; until then (or if the server is down) answers are lexical.
    const cfg = snapshot.config.kb.embeddings;
    if (cfg) void attachQuestionVectors(snapshot.kb, cfg, logger);
    return new RuntimeStore(snapshot, logger, env);
  }

  get(): RuntimeSnapshot {
    return this.current;
  }

  get location(): ConfigLocation {
    return this.current.location;
  }

  onReload(listener: (s: RuntimeSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates the files on disk and swaps them in if valid. Never throws. The KB is rebuilt in
   * small steps (KnowledgeBase.buildAsync), so messages keep being answered from the current
   * snapshot meanwhile; a change arriving during a rebuild triggers one more rebuild after it.
   */
  async reload(): Promise<ReloadResult> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = this.reloadOnce();
    try {
      return await this.reloading;
    } finally {
      this.reloading = undefined;
      if (this.reloadAgain) {
        this.reloadAgain = false;
        void this.reload();
      }
    }
  }

  private reloading: Promise<ReloadResult> | undefined;
  private reloadAgain = false;

  private async reloadOnce(): Promise<ReloadResult> {
    const started = Date.now();
    try {
      const next = await loadSnapshotAsync(this.current.location, this.env);
      const cfg = next.config.kb.embeddings;
      if (cfg) await attachQuestionVectors(next.kb, cfg, this.logger); // cached vectors make this quick
      this.current = next;
      this.logger.info(
        { event: 'config_reloaded', files: next.files.length, kbEntries: next.kb.size, ms: Date.now() - started },
        '配置已重新加载 (config reloaded)',
      );
      if (this.watchers.length) this.rewatch();
      for (const l of this.listeners) l(next);
      return { ok: true, snapshot: next };
    } catch (err) {
      this.logger.error(
        { event: 'config_reload_rejected', error: (err as Error).message },
        '配置修改无效，继续使用上一份有效配置 (invalid config edit rejected; last good config keeps serving)',
      );
      return { ok: false, error: err as Error };
    }
  }

  /**
   * Watches the directories holding the snapshot's files. Directories, not files, because editors
   * save by rename, which silently ends a watch on the old inode.
   */
  watch(debounceMs = 250): void {
    this.rewatch(debounceMs);
  }

  private rewatch(debounceMs = 250): void {
    this.closeWatchers();
    const dirs = new Set(this.current.files.map((f) => path.dirname(f)));
    const names = new Set(this.current.files.map((f) => path.resolve(f)));
    for (const dir of dirs) {
      try {
        const w = fs.watch(dir, (_type, filename) => {
          if (filename && !/\.ya?ml$/i.test(filename) && !names.has(path.resolve(dir, filename))) return;
          clearTimeout(this.debounce);
          this.debounce = setTimeout(() => void this.reload(), debounceMs);
        });
        w.on('error', (err) => this.logger.warn({ event: 'config_watch_error', dir, error: err.message }, 'config watch failed'));
        this.watchers.push(w);
      } catch (err) {
        this.logger.warn({ event: 'config_watch_error', dir, error: (err as Error).message }, 'cannot watch config directory');
      }
    }
  }

  private closeWatchers(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  close(): void {
    clearTimeout(this.debounce);
    this.closeWatchers();
    this.listeners.clear();
  }
}
