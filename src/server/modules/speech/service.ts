/**
 * Server-side read-aloud (语音朗读) for phones and kiosks without a Chinese voice: espeak-ng
 * Mandarin ("cmn") to WAV, cached on disk by content. User text never passes through a shell:
 * espeak-ng is spawned with an argument list and reads the text from stdin.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../platform/errors.js';

export const MAX_SPEECH_CHARS = 5000;
export const SPEECH_RATES = { slow: 130, normal: 165, fast: 210 } as const;
export type SpeechRate = keyof typeof SPEECH_RATES;
const ESPEAK = process.env.ESPEAK_PATH ?? '/usr/bin/espeak-ng';
const TIMEOUT_MS = 30_000;
const MAX_PARALLEL = 2;
const MAX_QUEUE = 20;

/** Markup, control characters and runs of white space out; what is left is what a person reads. */
export function cleanSpeechText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? ' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export class SpeechService {
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly cacheDir: string) {}

  available(): boolean {
    return existsSync(ESPEAK);
  }

  private keyOf(text: string, rate: SpeechRate): string {
    return createHash('sha256').update(`cmn|${rate}|${text}`).digest('hex');
  }

  private fileOf(key: string): string {
    return path.join(this.cacheDir, key.slice(0, 2), `${key}.wav`);
  }

  /** Synthesises (or finds in the cache) and returns the cache key of the audio. */
  async synthesize(rawText: string, rate: SpeechRate): Promise<{ key: string; chars: number; cached: boolean }> {
    const text = cleanSpeechText(rawText);
    if (!text) throw new AppError(400, 'SPEECH_TEXT_EMPTY', '没有可朗读的文字', [{ field: 'text', message: '没有可朗读的文字' }]);
    if (text.length > MAX_SPEECH_CHARS) {
      throw new AppError(400, 'SPEECH_TEXT_TOO_LONG', `一次最多朗读 ${MAX_SPEECH_CHARS} 字，请分段朗读`, [{ field: 'text', message: `不超过 ${MAX_SPEECH_CHARS} 字` }]);
    }
    if (!this.available()) throw new AppError(503, 'SPEECH_UNAVAILABLE', '服务器未安装语音合成（espeak-ng），请使用浏览器朗读');
    const key = this.keyOf(text, rate);
    const file = this.fileOf(key);
    if (existsSync(file)) return { key, chars: text.length, cached: true };
    await this.acquire();
    try {
      if (!existsSync(file)) await this.run(text, rate, file);
    } finally {
      this.release();
    }
    return { key, chars: text.length, cached: false };
  }

  async audio(key: string): Promise<Buffer | null> {
    if (!/^[0-9a-f]{64}$/.test(key)) return null;
    const file = this.fileOf(key);
    return existsSync(file) ? readFile(file) : null;
  }

  private async run(text: string, rate: SpeechRate, target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await new Promise<void>((resolve, reject) => {
      const child = spawn(ESPEAK, ['-v', 'cmn', '-s', String(SPEECH_RATES[rate]), '--stdin', '-w', tmp], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString().slice(0, 500);
      });
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`espeak-ng exited with ${code}: ${stderr}`));
      });
      child.stdin.end(text, 'utf8');
    }).catch(async (err) => {
      await unlink(tmp).catch(() => undefined);
      throw new AppError(503, 'SPEECH_FAILED', '语音合成失败，请稍后再试或使用浏览器朗读', undefined, err);
    });
    if ((await stat(tmp)).size < 100) {
      await unlink(tmp);
      throw new AppError(503, 'SPEECH_FAILED', '语音合成失败，请稍后再试或使用浏览器朗读');
    }
    await rename(tmp, target);
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
