/**
 * The pdf.js options every load of a PDF in Chamber carries, in the core's extractor and in the
 * reader alike. Packs come from outside (councils' sites, email attachments) and may hold
 * JavaScript (OpenAction, form actions) or XFA forms. pdf.js runs document JavaScript only through
 * its viewer's scripting sandbox, which Chamber never loads; these options also keep pdf.js itself
 * from compiling code with eval/new Function (font programs) and from building XFA forms.
 */
export const pdfjsHardening = {
  isEvalSupported: false,
  enableXfa: false,
} as const;
