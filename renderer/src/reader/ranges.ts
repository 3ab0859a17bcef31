/** One contiguous read covering several of pdf.js's requests. */
export interface MergedRead {
  begin: number;
  end: number;
  requests: { begin: number; end: number }[];
}

/**
 * Merges byte ranges that touch or overlap into reads of at most `maxBytes`, so a burst of small
 * requests (pdf.js prefetches every page dictionary of a flat page tree at once) costs a couple of
 * round trips instead of dozens.
 */
export function mergeRanges(requests: readonly { begin: number; end: number }[], maxBytes: number): MergedRead[] {
  const sorted = [...requests].sort((a, b) => a.begin - b.begin);
  const reads: MergedRead[] = [];
  for (const request of sorted) {
    const last = reads[reads.length - 1];
    if (last && request.begin <= last.end && Math.max(last.end, request.end) - last.begin <= maxBytes) {
      last.end = Math.max(last.end, request.end);
      last.requests.push(request);
    } else {
      reads.push({ begin: request.begin, end: request.end, requests: [request] });
    }
  }
  return reads;
}
