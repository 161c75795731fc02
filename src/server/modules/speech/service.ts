/**
 * Server-side read-aloud (语音朗读) for phones and kiosks without a Chinese voice: espeak-ng
 * Mandarin ("cmn") piped into lame, cached on disk by content as MP3. User text never passes
 * through a shell: both programs are spawned with argument lists and espeak-ng reads the text
 * from stdin.
 *
 * Anyone may ask for audio without signing in, so everything this costs is bounded: the text of
 * one request (MAX_SPEECH_CHARS), the size of one file (abandoned once it grows past the bound),
 * and the bytes the cache holds on disk (least recently used files go first). The route adds a
 * per-address request limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, isStorageFull, storageFull } from '../../platform/errors.js';

/** A few sentences: the web client sends 80 then 240 characters at a time, cut at sentence ends. */
export const MAX_SPEECH_CHARS = 500;
export const SPEECH_RATES = { slow: 130, normal: 165, fast: 210 } as const;
export type SpeechRate = keyof typeof SPEECH_RATES;
export const SPEECH_AUDIO = { ext: 'mp3', type: 'audio/mpeg' } as const;
/** Default bound of the whole cache on disk. */
export const SPEECH_CACHE_BYTES = 200 * 1024 * 1024;
/**
 * Default bound of one file. 500 characters of the densest text measured (rare characters read
 * slowly) make about 0.9 MB; 2 MB only cuts off input espeak-ng reads out at unexpected length.
 */
export const SPEECH_FILE_BYTES = 2 * 1024 * 1024;

const ESPEAK = process.env.ESPEAK_PATH ?? '/usr/bin/espeak-ng';
const LAME = process.env.LAME_PATH ?? '/usr/bin/lame';
/**
 * 32 kbit/s mono at 16 kHz: espeak-ng's voice has nothing above 8 kHz worth keeping, and this is
 * about 4 KB per second of speech instead of the WAV's 44 KB.
 */
const LAME_ARGS = ['--quiet', '-m', 'm', '-b', '32', '--resample', '16', '-', '-'];
const TIMEOUT_MS = 30_000;
const MAX_PARALLEL = 2;
const MAX_QUEUE = 20;
const KEY = /^[0-9a-f]{64}$/;
const FILE_NAME = new RegExp(`^([0-9a-f]{64})\\.${SPEECH_AUDIO.ext}$`);

export interface SpeechOptions {
  /** Total bytes of audio kept on disk (default SPEECH_CACHE_BYTES). */
  maxCacheBytes?: number;
  /** Bytes of one file (default SPEECH_FILE_BYTES; never more than maxCacheBytes). */
  maxFileBytes?: number;
}

/** Markup, control characters and runs of white space out; what is left is what a person reads. */
export function cleanSpeechText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? ' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const tooLong = (message: string) => new AppError(400, 'SPEECH_TEXT_TOO_LONG', message, [{ field: 'text', message }]);
const failed = (cause?: unknown) => new AppError(503, 'SPEECH_FAILED', '语音合成失败，请稍后再试或使用浏览器朗读', undefined, cause);

class FileTooLarge extends Error {}

export class SpeechService {
  private readonly maxCacheBytes: number;
  private readonly maxFileBytes: number;
  /** Cached files and their sizes, least recently used first (a Map keeps insertion order). */
  private readonly files = new Map<string, number>();
  private total = 0;
  /** One synthesis per text at a time: a second request for the same text waits for the first. */
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly ready: Promise<void>;
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly cacheDir: string,
    opts: SpeechOptions = {},
  ) {
    this.maxCacheBytes = opts.maxCacheBytes ?? SPEECH_CACHE_BYTES;
    // A file larger than the whole cache would evict everything and still not fit.
    this.maxFileBytes = Math.min(opts.maxFileBytes ?? SPEECH_FILE_BYTES, this.maxCacheBytes);
    this.ready = this.rebuild();
  }

  available(): boolean {
    return existsSync(ESPEAK) && existsSync(LAME);
  }

  /** Bytes of audio this process knows to be in the cache. */
  cachedBytes(): number {
    return this.total;
  }

  private keyOf(text: string, rate: SpeechRate): string {
    return createHash('sha256').update(`cmn|${SPEECH_AUDIO.ext}|${rate}|${text}`).digest('hex');
  }

  private fileOf(key: string): string {
    return path.join(this.cacheDir, key.slice(0, 2), `${key}.${SPEECH_AUDIO.ext}`);
  }

  /** Synthesises (or finds in the cache) and returns the cache key of the audio. */
  async synthesize(rawText: string, rate: SpeechRate): Promise<{ key: string; chars: number; cached: boolean }> {
    const text = cleanSpeechText(rawText);
    if (!text) throw new AppError(400, 'SPEECH_TEXT_EMPTY', '没有可朗读的文字', [{ field: 'text', message: '没有可朗读的文字' }]);
    if (text.length > MAX_SPEECH_CHARS) throw tooLong(`一次最多朗读 ${MAX_SPEECH_CHARS} 字，请分段朗读`);
    if (!this.available()) throw new AppError(503, 'SPEECH_UNAVAILABLE', '服务器未安装语音合成（espeak-ng、lame），请使用浏览器朗读');
    await this.ready;
    const key = this.keyOf(text, rate);
    // Checked on disk, not only in memory: another process sharing the directory may have made
    // the file, or removed it.
    const size = await stat(this.fileOf(key)).then((s) => s.size, () => null);
    if (size !== null) {
      this.used(key, size);
      await this.evict();
      return { key, chars: text.length, cached: true };
    }
    this.forget(key);
    let job = this.inflight.get(key);
    if (!job) {
      job = this.produce(text, rate, key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, job);
    }
    await job;
    return { key, chars: text.length, cached: false };
  }

  /**
   * The cached audio as a stream and its length, or null. The file is opened before its size is
   * read, so an eviction in between cannot make the length disagree with the bytes sent.
   */
  async audio(key: string): Promise<{ stream: Readable; size: number } | null> {
    if (!KEY.test(key)) return null;
    await this.ready;
    const handle = await open(this.fileOf(key), 'r').catch(() => null);
    if (!handle) {
      this.forget(key);
      return null;
    }
    try {
      const { size } = await handle.stat();
      this.used(key, size);
      await this.evict();
      return { stream: handle.createReadStream(), size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  private async produce(text: string, rate: SpeechRate, key: string): Promise<void> {
    await this.acquire();
    try {
      const size = await this.run(text, rate, this.fileOf(key));
      this.used(key, size);
    } finally {
      this.release();
    }
    await this.evict();
  }

  /** espeak-ng's WAV on stdout → lame → a temporary file, renamed into place when complete. */
  private async run(text: string, rate: SpeechRate, target: string): Promise<number> {
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const espeak = spawn(ESPEAK, ['-v', 'cmn', '-s', String(SPEECH_RATES[rate]), '--stdin', '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lame = spawn(LAME, LAME_ARGS, { stdio: ['pipe', 'pipe', 'pipe'] });
    const children = [espeak, lame];
    const killAll = () => children.forEach((c) => c.exitCode === null && c.signalCode === null && c.kill('SIGKILL'));
    const timer = setTimeout(killAll, TIMEOUT_MS);
    // A child that dies early breaks the pipe to it; that shows as its exit status, not a crash.
    espeak.stdin.on('error', () => undefined);
    lame.stdin.on('error', () => undefined);
    espeak.stdout.pipe(lame.stdin);
    espeak.stdin.end(text, 'utf8');
    let written = 0;
    const limit = this.maxFileBytes;
    const bound = new Transform({
      transform(chunk: Buffer, _enc, done) {
        written += chunk.length;
        if (written > limit) done(new FileTooLarge());
        else done(null, chunk);
      },
    });
    try {
      await Promise.all([
        exited(espeak, 'espeak-ng'),
        exited(lame, 'lame'),
        pipeline(lame.stdout, bound, createWriteStream(tmp, { mode: 0o600 })),
      ]);
    } catch (err) {
      killAll();
      await unlink(tmp).catch(() => undefined);
      if (err instanceof FileTooLarge) throw tooLong('这段文字读出来太长，请分段朗读');
      throw isStorageFull(err) ? storageFull(err) : failed(err);
    } finally {
      clearTimeout(timer);
    }
    if (written < 100) {
      await unlink(tmp).catch(() => undefined);
      throw failed();
    }
    await rename(tmp, target).catch(async (err: unknown) => {
      await unlink(tmp).catch(() => undefined);
      throw isStorageFull(err) ? storageFull(err) : failed(err);
    });
    return written;
  }

  /** Marks a file as just used (and counts it, when it is new to this process). */
  private used(key: string, size: number): void {
    this.forget(key);
    this.files.set(key, size);
    this.total += size;
  }

  private forget(key: string): void {
    const size = this.files.get(key);
    if (size === undefined) return;
    this.files.delete(key);
    this.total -= size;
  }

  /**
   * Removes least recently used files until the cache fits. The file just used is last in line and
   * always fits (maxFileBytes ≤ maxCacheBytes), so it is never the one removed.
   */
  private async evict(): Promise<void> {
    const gone: string[] = [];
    for (const [key, size] of this.files) {
      if (this.total <= this.maxCacheBytes) break;
      this.files.delete(key);
      this.total -= size;
      gone.push(key);
    }
    await Promise.all(gone.map((key) => unlink(this.fileOf(key)).catch(() => undefined)));
  }

  /**
   * Learns what is on disk at start, oldest first by modification time, and trims it to the cap.
   * WAV files of the earlier format (tens of MB each, no longer served) and temporary files left
   * by a crash are removed.
   */
  private async rebuild(): Promise<void> {
    try {
      const found: { key: string; size: number; mtime: number }[] = [];
      const dirs = await readdir(this.cacheDir, { withFileTypes: true }).catch(() => []);
      for (const dir of dirs) {
        if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
        const base = path.join(this.cacheDir, dir.name);
        for (const name of await readdir(base).catch(() => [])) {
          const file = path.join(base, name);
          const key = FILE_NAME.exec(name)?.[1];
          if (key) {
            const s = await stat(file).catch(() => null);
            if (s?.isFile()) found.push({ key, size: s.size, mtime: s.mtimeMs });
          } else if (name.endsWith('.wav')) {
            await unlink(file).catch(() => undefined);
          } else if (name.endsWith('.tmp')) {
            // Only when stale: another process sharing the directory may be writing it now.
            const s = await stat(file).catch(() => null);
            if (s && s.mtimeMs < Date.now() - 2 * TIMEOUT_MS) await unlink(file).catch(() => undefined);
          }
        }
      }
      found.sort((a, b) => a.mtime - b.mtime);
      for (const f of found) this.used(f.key, f.size);
      await this.evict();
    } catch {
      // An unreadable cache directory only means starting with an empty index.
    }
  }

  private acquire(): Promise<void> {
    if (this.waiting.length >= MAX_QUEUE) throw new AppError(503, 'SPEECH_BUSY', '朗读服务繁忙，请稍后再试');
    if (this.running < MAX_PARALLEL) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(() => {
      this.running++;
      resolve();
    }));
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}

function exited(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 500) stderr += d.toString().slice(0, 500);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} exited with ${code ?? signal}: ${stderr}`));
    });
  });
}
