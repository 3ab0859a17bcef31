import type { MinutesFormat } from '../../../../shared/api/contracts/minutes';
import { layoutMinutes, type MinutesLanguage } from '../../../../shared/minutes/layout';
import { MinutesDocument } from '../../../../shared/minutes/model';
import { toOpenCivicData } from '../../../../shared/minutes/openData';
import { renderMinutesDocx } from './docx';
import { renderMinutesHtml } from './html';
import { renderMinutesPdf } from './pdf';
import { minutesPhrases } from './phrases';

export { minutesFormats, type MinutesFormat } from '../../../../shared/api/contracts/minutes';

export const minutesMediaTypes: Record<MinutesFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

/** One export of the minutes, in the language asked for (fixed phrases only; the narrative is as written). */
export async function renderMinutes(document: MinutesDocument, format: MinutesFormat, language: MinutesLanguage): Promise<Uint8Array> {
  const doc = MinutesDocument.parse(document);
  if (format === 'json') return new TextEncoder().encode(`${JSON.stringify({ language, ...toOpenCivicData(doc) }, null, 2)}\n`);
  const layout = layoutMinutes(doc, language, minutesPhrases(language));
  if (format === 'html') return new TextEncoder().encode(renderMinutesHtml(layout));
  if (format === 'docx') return renderMinutesDocx(layout);
  return renderMinutesPdf(layout);
}
