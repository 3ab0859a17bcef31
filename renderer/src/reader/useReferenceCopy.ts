import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingPack } from '../../../shared/domain/import';
import { itemAtPage } from '../pack/format';

/**
 * How a member cites a page ("Item 6, page 21": the printed page number where the page has one)
 * and copying such a reference, with what was copied (or that it failed) for a live region.
 */
export function useReferenceCopy(pack: Pick<MeetingPack, 'items' | 'printedPageNumbers'>): { reference: (page: number) => string; copy: (text: string) => Promise<void>; copied: string } {
  const { t } = useTranslation();
  const [copied, setCopied] = useState('');
  const reference = (page: number) => {
    const item = itemAtPage(pack.items, page);
    const printedNumber = pack.printedPageNumbers[page - 1] ?? null;
    const where = printedNumber === null ? t('reader.reference.pdfPage', { page }) : t('reader.reference.page', { page: printedNumber });
    return item ? t('reader.reference.item', { number: item.number, where }) : where;
  };
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(t('reader.reference.copied', { text }));
    } catch {
      setCopied(t('reader.reference.copyFailed'));
    }
  };
  return { reference, copy, copied };
}
