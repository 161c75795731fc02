import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestApp } from '../../testing.js';
import { cleanSpeechText } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false, config: { dataDir: `/tmp/bianmin-speech-test-${process.pid}` } });
});
afterAll(async () => {
  await t.close();
});

const speak = (body: unknown) => new TestClient(t.app).post('/api/v1/speech', body);

describe('read-aloud text cleaning', () => {
  it('drops markup and control characters, keeps the words', () => {
    expect(cleanSpeechText('<p>办理<b>低保</b>&nbsp;需要</p>\u0007\n\n身份证')).toBe('办理 低保 需要 身份证');
    expect(cleanSpeechText('<script>alert(1)</script>')).toBe('alert(1)');
  });
});

describe('POST /api/v1/speech', () => {
  it('espeak-ng is installed (the CI script installs it)', () => {
    expect(existsSync('/usr/bin/espeak-ng')).toBe(true);
  });

  it('returns playable Mandarin audio for Chinese text, cached the second time', async () => {
    const res = await speak({ text: '您好，欢迎使用邹城市政务服务。办理最低生活保障，请携带身份证。', rate: 'slow' });
    expect(res.statusCode).toBe(200);
    const { url, cached } = res.json();
    expect(cached).toBe(false);
    const audio = await t.app.inject({ method: 'GET', url });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    const wav = audio.rawPayload;
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    const sampleRate = wav.readUInt32LE(24);
    const seconds = (wav.length - 44) / (sampleRate * 2);
    expect(seconds).toBeGreaterThan(2);
    // not silence: some samples are loud
    let loud = 0;
    for (let i = 44; i + 1 < wav.length; i += 2) if (Math.abs(wav.readInt16LE(i)) > 2000) loud++;
    expect(loud).toBeGreaterThan(1000);
    expect((await speak({ text: '您好，欢迎使用邹城市政务服务。办理最低生活保障，请携带身份证。', rate: 'slow' })).json().cached).toBe(true);
  });

  it('speaks shell metacharacters as text and never runs them', async () => {
    const marker = `/tmp/bianmin-pwned-${process.pid}`;
    const res = await speak({ text: `"; touch ${marker}; echo '$(touch ${marker})' \`touch ${marker}\`` });
    expect(res.statusCode).toBe(200);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses empty, markup-only and over-long text with clear errors', async () => {
    expect((await speak({ text: '   ' })).json().error.code).toBe('SPEECH_TEXT_EMPTY');
    expect((await speak({ text: '<br/><img src=x>' })).json().error.code).toBe('SPEECH_TEXT_EMPTY');
    const long = await speak({ text: '长'.repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.code).toBe('SPEECH_TEXT_TOO_LONG');
    expect((await speak({ text: '长'.repeat(30000) })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await speak({ text: '好', rate: 'warp' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/speech/${'0'.repeat(64)}.wav` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/speech/..%2F..%2Fsecret.key' })).statusCode).toBe(400);
  });
});
