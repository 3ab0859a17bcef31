import { describe, expect, it } from 'vitest';
import { documentResponse, parseByteRange } from './byteRange';

describe('parseByteRange', () => {
  it('reads a closed range, clamping its end to the resource', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ kind: 'range', start: 0, end: 99 });
    expect(parseByteRange('bytes=900-5000', 1000)).toEqual({ kind: 'range', start: 900, end: 999 });
  });
  it('reads open and suffix ranges', () => {
    expect(parseByteRange('bytes=100-', 1000)).toEqual({ kind: 'range', start: 100, end: 999 });
    expect(parseByteRange('bytes=-10', 1000)).toEqual({ kind: 'range', start: 990, end: 999 });
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ kind: 'range', start: 0, end: 999 });
  });
  it('answers the whole resource without a header or for several ranges', () => {
    expect(parseByteRange(undefined, 1000)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-1,5-9', 1000)).toEqual({ kind: 'whole' });
  });
  it('refuses ranges past the end, reversed or malformed', () => {
    expect(parseByteRange('bytes=1000-1001', 1000).kind).toBe('unsatisfiable');
    expect(parseByteRange('bytes=50-10', 1000).kind).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000).kind).toBe('unsatisfiable');
    expect(parseByteRange('items=0-5', 1000).kind).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-', 1000).kind).toBe('unsatisfiable');
  });
});

describe('documentResponse', () => {
  it('answers 206 with Content-Range and the span to read', () => {
    const answer = documentResponse('bytes=10-19', 100);
    expect(answer.status).toBe(206);
    expect(answer.headers['content-range']).toBe('bytes 10-19/100');
    expect(answer.headers['content-length']).toBe('10');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.span).toEqual({ offset: 10, length: 10 });
  });
  it('answers 200 for the whole document and 416 with the size for a bad range', () => {
    expect(documentResponse(null, 100)).toMatchObject({ status: 200, span: { offset: 0, length: 100 }, headers: { 'accept-ranges': 'bytes' } });
    expect(documentResponse('bytes=200-300', 100)).toMatchObject({ status: 416, headers: { 'content-range': 'bytes */100' } });
    expect(documentResponse('bytes=200-300', 100).span).toBeUndefined();
  });
});
