import type { SearchHit } from '../../../shared/domain/import';

/** A search snippet from plain-text segments; the matched words are marked, nothing is parsed as HTML. */
export function Snippet({ segments }: { segments: SearchHit['snippet'] }) {
  return (
    <span className="snippet">
      {segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </span>
  );
}
