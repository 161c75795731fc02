/** Sentences put together from data and templates never end twice (。。). */
import { describe, expect, it } from 'vitest';
import { endsSentence, sentence, sentences, withoutEndMark } from './text.js';

describe('sentence, sentences, withoutEndMark', () => {
  it('ends a sentence once', () => {
    expect(sentence('材料齐全的当场受理')).toBe('材料齐全的当场受理。');
    expect(sentence(' 材料齐全的当场受理。 ')).toBe('材料齐全的当场受理。');
    expect(sentence('可以吗？')).toBe('可以吗？');
    expect(sentence('  ')).toBe('');
    expect(sentences('经审核，符合条件。', '', null, false, '请按时领取')).toBe('经审核，符合条件。请按时领取。');
  });

  it('drops a text\'s own end mark where a template adds one', () => {
    expect(withoutEndMark('户籍不在本街道。')).toBe('户籍不在本街道');
    expect(withoutEndMark('户籍不在本街道；')).toBe('户籍不在本街道');
    expect(withoutEndMark('无')).toBe('无');
    expect(endsSentence('好。')).toBe(true);
    expect(endsSentence('好')).toBe(false);
  });
});
