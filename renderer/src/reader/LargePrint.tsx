import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { useResult } from '../components/useResult';
import { paragraphsOf } from './paragraphs';

/**
 * The current page's text, reflowed in large type: for a member who cannot read a zoomed PDF page
 * comfortably, the words follow the page being read without scrolling sideways. Lines extracted at
 * import are joined back into paragraphs (numbered paragraphs keep their breaks).
 */
export function LargePrint({ packId, page }: { packId: string; page: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const [text] = useResult(() => api.getPageText({ packId, pageIndex: page - 1 }), `${packId}:${page}`);
  const paragraphs = text.state === 'ready' ? paragraphsOf(text.value.text) : [];
  return (
    // Focusable so a keyboard user can scroll a long page of large text.
    <section className="large-print" aria-labelledby="large-print-heading" tabIndex={0}>
      <h2 id="large-print-heading">{t('reader.largePrint.heading', { page })}</h2>
      {text.state === 'failed' && <ErrorMessage error={text.error} />}
      {text.state === 'ready' && paragraphs.length === 0 && <p>{t('reader.largePrint.noText')}</p>}
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </section>
  );
}
