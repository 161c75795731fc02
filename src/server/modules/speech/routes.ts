import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { gates } from '../../platform/gates.js';
import { notFound } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js';
import { limitPerIp } from '../../platform/rate-limits.js';
import { MAX_SPEECH_CHARS, SpeechService, SPEECH_AUDIO, SPEECH_RATES, type SpeechRate } from './service.js';

const rates = Object.keys(SPEECH_RATES) as [SpeechRate, ...SpeechRate[]];

/**
 * Requests per minute from one address. Reading a page asks once per piece (a piece of 240
 * characters plays for about a minute); 指读 asks once per element the pointer rests on, which a
 * person does at most every second or two — and repeats are served from the cache.
 */
export const SPEECH_REQUESTS_PER_MINUTE = 30;

export const speechRoutes = (speech: SpeechService): FastifyPluginAsyncZod => async (app) => {
  const tags = ['accessibility'];

  app.get('/speech/status', {
    config: { gate: gates.public },
    schema: { tags, summary: '服务器朗读是否可用', response: { 200: z.object({ available: z.boolean(), maxChars: z.number(), rates: z.array(z.string()) }) } },
  }, async () => ({ available: speech.available(), maxChars: MAX_SPEECH_CHARS, rates }));

  app.post('/speech', {
    config: { gate: gates.public, rateLimit: limitPerIp(SPEECH_REQUESTS_PER_MINUTE) },
    schema: {
      tags, summary: `把文字（每次不超过 ${MAX_SPEECH_CHARS} 字）合成为普通话语音（espeak-ng，MP3，结果缓存），返回音频地址`,
      body: z.strictObject({
        // Longer input is refused by the service with a clear message; the cap here stops abuse early.
        text: z.string().max(MAX_SPEECH_CHARS * 4, `一次最多朗读 ${MAX_SPEECH_CHARS} 字，请分段朗读`),
        rate: z.enum(rates).default('normal'),
      }),
      response: { 200: z.object({ url: z.string(), chars: z.number(), cached: z.boolean() }), ...errorResponses(400, 429, 503) },
    },
  }, async (request) => {
    const { key, chars, cached } = await speech.synthesize(request.body.text, request.body.rate);
    return { url: `/api/v1/speech/${key}.${SPEECH_AUDIO.ext}`, chars, cached };
  });

  app.get('/speech/:file', {
    config: { gate: gates.public },
    // .wav: addresses handed out before audio became MP3; they are gone, so "not found".
    schema: { tags, summary: '朗读音频（MP3）', params: z.object({ file: z.string().regex(/^[0-9a-f]{64}\.(mp3|wav)$/, '音频地址不正确') }) },
  }, async (request, reply) => {
    const [key, ext] = request.params.file.split('.');
    const audio = ext === SPEECH_AUDIO.ext ? await speech.audio(key!) : null;
    if (!audio) throw notFound('音频', 'SPEECH_NOT_FOUND');
    return reply
      .type(SPEECH_AUDIO.type)
      .header('content-length', audio.size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(audio.stream);
  });
};
