import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing.js';
import { SPEECH_REQUESTS_PER_MINUTE } from './routes.js';
import { chunkText } from '../../../web/a11y/text.js';
import { cleanSpeechText, MAX_SPEECH_CHARS, SpeechService } from './service.js';

const dataDir = `/tmp/bianmin-speech-test-${process.pid}`;
const speechDir = path.join(dataDir, 'speech');
/** Synthesis needs both programs; CI installs them (.ci/run), elsewhere those tests are skipped. */
const canSpeak = existsSync(process.env.ESPEAK_PATH ?? '/usr/bin/espeak-ng') && existsSync(process.env.LAME_PATH ?? '/usr/bin/lame');

let t: TestApp;
beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  t = await createTestApp({ seed: false, config: { dataDir } });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Each test speaks from its own address, so the per-address limit of one does not reach another. */
const speak = (body: unknown, ip = '192.0.2.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/speech', payload: body as object, remoteAddress: ip });
const get = (url: string) => t.app.inject({ method: 'GET', url });

/** Every file under `dir`, with its size. */
function filesUnder(dir: string): { name: string; size: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => ({ name, stat: statSync(path.join(dir, name)) }))
    .filter((f) => f.stat.isFile())
    .map((f) => ({ name: f.name, size: f.stat.size }));
}

describe('read-aloud text cleaning', () => {
  it('drops markup and control characters, keeps the words', () => {
    expect(cleanSpeechText('<p>办理<b>低保</b>&nbsp;需要</p>\u0007\n\n身份证')).toBe('办理 低保 需要 身份证');
    expect(cleanSpeechText('<script>alert(1)</script>')).toBe('alert(1)');
  });
});

describe('the web client\'s pieces', () => {
  it('fit the per-request limit and end at sentence ends', () => {
    const sentence = '办理最低生活保障，请携带身份证、户口簿和家庭收入证明，到户籍所在地村委会提出申请。';
    const page = `${sentence.repeat(40)}\n${'没有标点的长句'.repeat(200)}`;
    const pieces = chunkText(page);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(pieces.filter((p) => p.includes('办理')).every((p) => p.endsWith('。'))).toBe(true);
  });
});

describe('POST /api/v1/speech: limits that hold without espeak-ng', () => {
  it('reports availability and the per-request limit of 500 characters', async () => {
    const res = await get('/api/v1/speech/status');
    expect(res.json()).toMatchObject({ available: canSpeak, maxChars: 500 });
  });

  it('refuses empty, markup-only and over-long text with clear errors', async () => {
    const ip = '192.0.2.2';
    expect((await speak({ text: '   ' }, ip)).json().error.code).toBe('SPEECH_TEXT_EMPTY');
    expect((await speak({ text: '<br/><img src=x>' }, ip)).json().error.code).toBe('SPEECH_TEXT_EMPTY');
    const long = await speak({ text: '长'.repeat(600) }, ip);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('SPEECH_TEXT_TOO_LONG');
    expect(long.json().error.message).toContain('500');
    // Markup does not count towards the limit; the words inside it do.
    const tagged = await speak({ text: `<p>${'长'.repeat(501)}</p>` }, ip);
    expect(tagged.json().error.code).toBe('SPEECH_TEXT_TOO_LONG');
    expect((await speak({ text: '长'.repeat(30000) }, ip)).json().error.code).toBe('VALIDATION_FAILED');
    expect((await speak({ text: '好', rate: 'warp' }, ip)).statusCode).toBe(400);
    expect((await get(`/api/v1/speech/${'0'.repeat(64)}.mp3`)).statusCode).toBe(404);
    expect((await get(`/api/v1/speech/${'0'.repeat(64)}.wav`)).statusCode).toBe(404);
    expect((await get('/api/v1/speech/..%2F..%2Fsecret.key')).statusCode).toBe(400);
  });

  it(`limits each address to ${SPEECH_REQUESTS_PER_MINUTE} requests a minute (429 RATE_LIMITED in the error envelope)`, async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < SPEECH_REQUESTS_PER_MINUTE; i++) {
      // Empty text is refused before any synthesis, so the loop costs no CPU, yet it counts.
      expect((await speak({ text: ' ' }, ip)).statusCode).toBe(400);
    }
    const limited = await speak({ text: '您好' }, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('秒后再试') } });
    expect(limited.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await speak({ text: ' ' }, '198.51.100.8')).statusCode).toBe(400);
  });
});

describe.skipIf(!canSpeak)('POST /api/v1/speech with espeak-ng and lame', () => {
  it('returns Mandarin MP3 audio, streamed with its length, cached the second time', async () => {
    const text = '您好，欢迎使用邹城市政务服务。办理最低生活保障，请携带身份证。';
    const res = await speak({ text, rate: 'slow' }, '192.0.2.3');
    expect(res.statusCode).toBe(200);
    const { url, cached } = res.json();
    expect(url).toMatch(/^\/api\/v1\/speech\/[0-9a-f]{64}\.mp3$/);
    expect(cached).toBe(false);
    const audio = await get(url);
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    const key = url.slice(-68, -4);
    const onDisk = statSync(path.join(speechDir, key.slice(0, 2), `${key}.mp3`)).size;
    expect(Number(audio.headers['content-length'])).toBe(onDisk);
    const mp3 = audio.rawPayload;
    expect(mp3.length).toBe(onDisk);
    // Served from a stream of the file, never read into memory as a whole.
    const served = await new SpeechService(speechDir).audio(key);
    expect(served?.stream).toBeInstanceOf(Readable);
    expect(served?.size).toBe(onDisk);
    served?.stream.destroy();
    // An MPEG audio frame header: 11 set sync bits, then MPEG-2 (16 kHz) layer III.
    expect(mp3[0]).toBe(0xff);
    expect(mp3[1]! & 0xe0).toBe(0xe0);
    // 32 kbit/s is 4,000 bytes a second: more than 2 s of speech, and far smaller than the WAV
    // (44,100 bytes a second) it replaces.
    expect(mp3.length / 4000).toBeGreaterThan(2);
    expect(mp3.length / 4000).toBeLessThan(30);
    expect((await speak({ text, rate: 'slow' }, '192.0.2.3')).json().cached).toBe(true);
    // The address of the earlier WAV format answers "not found", never an error.
    const wav = await get(url.replace(/\.mp3$/, '.wav'));
    expect(wav.statusCode).toBe(404);
    expect(wav.json().error.code).toBe('SPEECH_NOT_FOUND');
  });

  it('speaks shell metacharacters as text and never runs them', async () => {
    const marker = `/tmp/bianmin-pwned-${process.pid}`;
    const res = await speak({ text: `"; touch ${marker}; echo '$(touch ${marker})' \`touch ${marker}\`` }, '192.0.2.4');
    expect(res.statusCode).toBe(200);
    expect(existsSync(marker)).toBe(false);
  });

  it('keeps the cache under its byte cap, removing the least recently used file (its address then answers 404)', async () => {
    // A second service on the app's own directory, with a cap of about two short sentences: what
    // it removes is gone for the app too. It first learns the files the tests above left.
    const cap = 80_000;
    const speech = new SpeechService(speechDir, { maxCacheBytes: cap });
    const texts = ['第一段：办理低保请携带身份证。', '第二段：办理医保请携带户口簿。', '第三段：办理社保请到镇便民服务中心。', '第四段：办理残疾证请先到医院评定。', '第五段：办理营业执照请准备经营场所证明。'];
    const keys: string[] = [];
    const onDisk = () => filesUnder(speechDir).reduce((n, f) => n + f.size, 0);
    for (const [i, text] of texts.entries()) {
      keys.push((await speech.synthesize(text, 'slow')).key);
      expect(onDisk()).toBeLessThanOrEqual(cap);
      expect(speech.cachedBytes()).toBe(onDisk());
      // The first is used again after the second was made, so the second becomes the oldest.
      if (i === 1) expect((await speech.synthesize(texts[0]!, 'slow')).cached).toBe(true);
      if (i === 2) {
        expect((await get(`/api/v1/speech/${keys[1]}.mp3`)).statusCode).toBe(404);
        expect((await get(`/api/v1/speech/${keys[0]}.mp3`)).statusCode).toBe(200);
      }
    }
    expect(filesUnder(speechDir).length).toBeLessThan(texts.length);
    expect((await get(`/api/v1/speech/${keys[1]}.mp3`)).json().error.code).toBe('SPEECH_NOT_FOUND');
    expect((await get(`/api/v1/speech/${keys.at(-1)}.mp3`)).statusCode).toBe(200);

    // At start a service learns what is on disk, trims it to its cap and removes old WAV files.
    const oldWav = path.join(speechDir, 'ab', `${'ab'.repeat(32)}.wav`);
    await mkdir(path.dirname(oldWav), { recursive: true });
    await writeFile(oldWav, Buffer.alloc(50_000));
    const restarted = new SpeechService(speechDir, { maxCacheBytes: 10_000 });
    expect((await restarted.synthesize('您好', 'fast')).cached).toBe(false);
    expect(existsSync(oldWav)).toBe(false);
    expect(onDisk()).toBeLessThanOrEqual(10_000);
    expect(restarted.cachedBytes()).toBe(onDisk());
  });

  it('abandons a file that grows past the per-file bound and leaves nothing on disk', async () => {
    const dir = path.join(dataDir, 'speech-bound');
    const speech = new SpeechService(dir, { maxFileBytes: 8_000 });
    await expect(speech.synthesize('办理最低生活保障，请携带身份证、户口簿和收入证明，到村委会提出申请。'.repeat(3), 'slow')).rejects.toMatchObject({
      status: 400,
      code: 'SPEECH_TEXT_TOO_LONG',
    });
    expect(filesUnder(dir)).toEqual([]);
    expect(speech.cachedBytes()).toBe(0);
  });
});
