import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChamberApi } from '../../../shared/api/binding';
import type { MeetingPack } from '../../../shared/domain/import';
import { findCurrentItem } from '../live/currentItem';

/**
 * C (or the toolbar's button) jumps to the item the chair is taking now, from the live agenda
 * synced from the chair's device; `note` says where it went, or why it could not, for a live region.
 */
export function useCurrentItemJump(api: ChamberApi, meetingId: string, items: MeetingPack['items'], goToPage: (page: number) => void): { note: string; jump: () => Promise<void> } {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const jump = useCallback(async () => {
    const now = await findCurrentItem(api, meetingId, items);
    if (now.kind === 'item' && now.item.pdfPages) {
      goToPage(now.item.pdfPages.from);
      setNote(t('reader.currentItem.jumped', { number: now.item.number, title: now.item.title }));
    } else {
      setNote(now.kind === 'none' ? t('reader.currentItem.none') : t('reader.currentItem.noPages', { number: now.kind === 'item' ? now.item.number : now.number }));
    }
  }, [api, meetingId, items, goToPage, t]);
  return { note, jump };
}
