import { describe, expect, it } from 'vitest';
import { warningsBlock } from '../../src/report/warnings-view.js';

describe('warningsBlock', () => {
  it('lists at most the limit and counts the rest with where to read them', () => {
    const texts = ['first; do this', 'second; do that', 'third', 'fourth'];
    expect(warningsBlock(texts, { color: false, limit: 3, more: 'parbench report r1' })).toBe(
      ['Warnings:', '  ! first; do this', '  ! second; do that', '  ! third', '  (1 more: parbench report r1)'].join('\n'),
    );
    expect(warningsBlock(texts.slice(0, 2), { color: false })).toBe('Warnings:\n  ! first; do this\n  ! second; do that');
  });

  it('is empty without warnings', () => {
    expect(warningsBlock([], { color: false, limit: 3 })).toBe('');
  });
});
