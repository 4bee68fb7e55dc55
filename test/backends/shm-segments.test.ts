import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeSegments } from '../../src/backends/shm-segments.js';

describe('removeSegments', () => {
  it('removes exactly the segments named for that driver pid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parbench-segments-'));
    try {
      for (const name of ['parbench-123-0', 'parbench-123-17', 'parbench-1234-0', 'parbench-12-0', 'other-123-0']) writeFileSync(join(dir, name), '');
      expect(removeSegments(123, dir)).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(['other-123-0', 'parbench-12-0', 'parbench-1234-0']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes nothing without a pid or a directory', () => {
    expect(removeSegments(undefined)).toBe(0);
    expect(removeSegments(123, '/nonexistent/parbench')).toBe(0);
  });
});
