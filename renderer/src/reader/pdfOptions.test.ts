import { describe, expect, it } from 'vitest';
import { pdfjsHardening } from '../../../shared/security/pdfjs';
import { readerDocumentOptions } from './pdfOptions';

describe('the reader opens packs hardened', () => {
  it('passes pdf.js eval and XFA off, and no wasm (the CSP refuses it)', () => {
    expect(readerDocumentOptions).toMatchObject({ isEvalSupported: false, enableXfa: false, useWasm: false });
    expect(readerDocumentOptions).toMatchObject(pdfjsHardening);
  });
});
