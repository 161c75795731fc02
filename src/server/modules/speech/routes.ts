import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notFound } from '../../platform/errors.js';
import { errorResponses } from '../../platform/openapi.js';
import { MAX_SPEECH_CHARS, SpeechService, SPEECH_RATES, type SpeechRate } from './service.js';

const rates = Object.keys(SPEECH_RATES) as [SpeechRate, ...SpeechRate[]];

export const speechRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const speech = new SpeechService(path.join(deps.config.dataDir, 'speech'));
  const tags = ['accessibility'];

  app.get('/speech/status', {
    schema: { tags, summary: '服务器朗读是否可用', response: { 200: z.object({ available: z.boolean(), maxChars: z.number(), rates: z.array(z.string()) }) } },
  }, async () => ({ available: speech.available(), maxChars: MAX_SPEECH_CHARS, rates }));

  app.post('/speech', {
    schema: {
      tags, summary: '把文字合成为普通话语音（espeak-ng，结果缓存），返回音频地址',
      body: z.strictObject({
        // Longer input is refused by the service with a clear message; the cap here stops abuse early.
        text: z.string().max(MAX_SPEECH_CHARS * 4, `一次最多朗读 ${MAX_SPEECH_CHARS} 字，请分段朗读`),
        rate: z.enum(rates).default('normal'),
      }),
      response: { 200: z.object({ url: z.string(), chars: z.number(), cached: z.boolean() }), ...errorResponses(400, 503) },
    },
  }, async (request) => {
    const { key, chars, cached } = await speech.synthesize(request.body.text, request.body.rate);
    return { url: `/api/v1/speech/${key}.wav`, chars, cached };
  });

  app.get('/speech/:file', {
    schema: { tags, summary: '朗读音频（WAV）', params: z.object({ file: z.string().regex(/^[0-9a-f]{64}\.wav$/, '音频地址不正确') }) },
  }, async (request, reply) => {
    const audio = await speech.audio(request.params.file.slice(0, 64));
    if (!audio) throw notFound('音频', 'SPEECH_NOT_FOUND');
    return reply.type('audio/wav').header('cache-control', 'public, max-age=31536000, immutable').send(audio);
  });
};
