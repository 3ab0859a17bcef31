import { describe, expect, it } from 'vitest';
import { mergeRanges } from './ranges';

describe('mergeRanges', () => {
  it('merges adjacent and overlapping requests, in order', () => {
    const reads = mergeRanges(
      [
        { begin: 262144, end: 393216 },
        { begin: 0, end: 131072 },
        { begin: 131072, end: 262144 },
        { begin: 600000, end: 700000 },
      ],
      4 * 1024 * 1024,
    );
    expect(reads.map((r) => [r.begin, r.end, r.requests.length])).toEqual([
      [0, 393216, 3],
      [600000, 700000, 1],
    ]);
  });

  it('never builds a read larger than the contract allows', () => {
    const chunk = 131072;
    const requests = Array.from({ length: 40 }, (_, i) => ({ begin: i * chunk, end: (i + 1) * chunk }));
    const reads = mergeRanges(requests, 4 * 1024 * 1024);
    expect(reads).toHaveLength(2);
    expect(Math.max(...reads.map((r) => r.end - r.begin))).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(reads.flatMap((r) => r.requests)).toHaveLength(40);
  });
});
