import type { PayloadLimits } from './entity';

export type ShapeProblem = { problem: 'too-deep'; depth: number } | { problem: 'too-large'; bytes: number };

/**
 * Checks nesting and size before any schema looks at a payload, without recursion (a payload a
 * thousand levels deep must not cost a stack, nor reach a parser that recurses). Bytes are those of
 * the payload's JSON, counted as the walk goes and stopped as soon as the limit is passed.
 */
export function checkShape(value: unknown, limits: PayloadLimits): ShapeProblem | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let bytes = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, depth } = next;
    if (typeof v === 'string') bytes += utf8Length(v) + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') bytes += String(v).length;
    else if (v === null || v === undefined) bytes += 4;
    else if (typeof v === 'object') {
      if (depth > limits.depth) return { problem: 'too-deep', depth };
      const entries = Array.isArray(v) ? v : Object.entries(v as Record<string, unknown>);
      bytes += 2 + entries.length;
      for (const entry of entries) {
        if (Array.isArray(v)) stack.push({ value: entry, depth: depth + 1 });
        else {
          const [key, inner] = entry as [string, unknown];
          bytes += utf8Length(key) + 3;
          stack.push({ value: inner, depth: depth + 1 });
        }
      }
    }
    if (bytes > limits.bytes) return { problem: 'too-large', bytes };
  }
  return null;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : 3;
  }
  return n;
}
