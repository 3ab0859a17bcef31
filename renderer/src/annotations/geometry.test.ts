import { describe, expect, it } from 'vitest';
import { mergeLineRects, toPagePoints } from './geometry';

describe('selection geometry', () => {
  it('turns client pixels into page points and merges spans on one line', () => {
    expect(toPagePoints({ left: 150, top: 300, width: 30, height: 15 }, { left: 100, top: 200 }, 1.5)).toEqual({ x: 33.33, y: 66.67, width: 20, height: 10 });
    expect(
      mergeLineRects([
        { x: 10, y: 20, width: 30, height: 10 },
        { x: 42, y: 20.5, width: 30, height: 10 },
        { x: 10, y: 35, width: 50, height: 10 },
        { x: 5, y: 5, width: 0, height: 10 },
      ]),
    ).toEqual([
      { x: 10, y: 20, width: 62, height: 10.5 },
      { x: 10, y: 35, width: 50, height: 10 },
    ]);
  });
});
