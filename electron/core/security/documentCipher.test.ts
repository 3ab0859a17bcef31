import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chunkCount, chunkSpan, decodeHeader, decryptChunk, encryptDocument, fileKey, headerBytes } from './documentCipher';

function seal(plain: Buffer, chunkSize: number, key = randomBytes(32)) {
  const sealed = Buffer.concat([...encryptDocument(key, plain, chunkSize)]);
  return { key, sealed };
}

function open(key: Buffer, sealed: Buffer): Buffer {
  const header = decodeHeader(sealed);
  if (!header) throw new Error('no header');
  const parts: Buffer[] = [];
  for (let i = 0; i < chunkCount(header); i++) {
    const span = chunkSpan(header, i);
    parts.push(decryptChunk(key, header, i, sealed.subarray(span.offset, span.offset + span.length)));
  }
  return Buffer.concat(parts);
}

describe('document cipher', () => {
  it('round-trips sizes at, around and between chunk boundaries, including empty', () => {
    for (const size of [0, 1, 15, 16, 17, 32, 33, 1000]) {
      const plain = randomBytes(size);
      const { key, sealed } = seal(plain, 16);
      expect(open(key, sealed).equals(plain)).toBe(true);
    }
  });

  it('derives a different key per document from one data key', () => {
    const dataKey = randomBytes(32);
    const a = fileKey(dataKey, 'a'.repeat(64));
    expect(a.equals(fileKey(dataKey, 'b'.repeat(64)))).toBe(false);
    expect(a.equals(fileKey(dataKey, 'a'.repeat(64)))).toBe(true);
  });

  it('detects a swapped pair of chunks, a cut-off end and a wrong key', () => {
    const plain = randomBytes(64);
    const { key, sealed } = seal(plain, 16);
    const header = decodeHeader(sealed);
    if (!header) throw new Error('no header');
    const c0 = chunkSpan(header, 0);
    const c1 = chunkSpan(header, 1);
    const first = sealed.subarray(c0.offset, c0.offset + c0.length);
    const second = sealed.subarray(c1.offset, c1.offset + c1.length);
    expect(() => decryptChunk(key, header, 0, Buffer.from(second))).toThrow();
    expect(() => decryptChunk(key, header, 1, Buffer.from(first))).toThrow();
    // Claiming fewer chunks makes the (former) middle chunk pose as the last one: refused.
    expect(() => decryptChunk(key, { ...header, plainSize: 32 }, 1, Buffer.from(second))).toThrow();
    expect(() => open(randomBytes(32), sealed)).toThrow();
  });

  it('does not mistake a plain PDF for an encrypted document', () => {
    expect(decodeHeader(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'.padEnd(headerBytes, ' ')))).toBeUndefined();
  });
});
