// Issue 14, case 11 and a smaller item: every message a user sees is one line, and any thrown value is described.
import { describe, expect, it } from 'vitest';
import { describeError, excerpt, oneLine, parbenchError } from '../../src/errors.js';

describe('oneLine', () => {
  it('escapes line breaks, tabs and every other control character, and lone surrogates', () => {
    expect(oneLine('a\nb\r\nc\rd\te')).toBe('a\\nb\\nc\\rd\\te');
    expect(oneLine('\u0000\u001b[31m\u007f\u0085\u2028x')).toBe('\\x00\\x1b[31m\\x7f\\x85\\u2028x');
    expect(oneLine('ok \ud83d\ude00 \ud800!')).toBe('ok \ud83d\ude00 \\ud800!');
  });

  it('cuts a long text with an ellipsis', () => {
    expect(oneLine('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(oneLine('short', 10)).toBe('short');
  });
});

describe('excerpt', () => {
  it('quotes at most a short, escaped part of a text', () => {
    expect(excerpt('a\nb')).toBe('"a\\nb"');
    expect(excerpt('y'.repeat(100), 5)).toBe('"yyyyy…"');
  });
});

describe('a ParbenchError', () => {
  it('is one line whatever its arguments hold', () => {
    const error = parbenchError('UNKNOWN_SUITE', 'fi\nb\u0000', ['fib']);
    expect(error.message).toBe('unknown suite "fi\\nb\\x00" (allowed: fib)');
  });
});

describe('describeError', () => {
  it.each([
    [new Error('first\nsecond'), 'first'],
    [new Error(''), 'Error'],
    [new TypeError(''), 'TypeError'],
    ['a bare string', 'a bare string'],
    ['', 'an empty string'],
    [undefined, 'undefined'],
    [null, 'null'],
    [{ message: 'has a message' }, 'has a message'],
    [{ code: 42 }, '{ code: 42 }'],
    [[1, 2], '[ 1, 2 ]'],
    [42, '42'],
    [Symbol('s'), 'Symbol(s)'],
  ])('%o → %s', (value, text) => {
    expect(describeError(value)).toBe(text);
  });
});
