// Examples in TypeScript doc comments: the lines of each `@example` block in a `/** ... */` comment,
// with the leading ` * ` removed; code fences inside the block are allowed and end an expected output.
import { splitLines } from './lines.js';
import { parseTranscript, type TranscriptLine } from './transcript.js';
import type { TranscriptExample } from './types.js';

const STAR = /^(\s*\*(?!\/) ?)/;

export function parseDocComments(text: string): TranscriptExample[] {
  const { lines } = splitLines(text);
  const examples: TranscriptExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = lines[i]!.indexOf('/**');
    if (open < 0 || lines[i]!.includes('*/', open + 3)) {
      i++;
      continue;
    }
    // Inside a multi-line doc comment: collect @example blocks until the closing `*/`.
    let block: TranscriptLine[] | null = null;
    const flush = () => {
      if (block) examples.push(...parseTranscript(block));
      block = null;
    };
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      const end = line.includes('*/');
      const star = STAR.exec(line);
      const outer = star ? star[1]! : /^\s*/.exec(line)![0];
      const content = line.slice(outer.length).replace(/\s*\*\/.*$/, '');
      if (/^\s*@example\b/.test(content)) {
        flush();
        block = [];
      } else {
        if (/^\s*@\w/.test(content)) flush();
        const fence = /^\s*(`{3,}|~{3,})/.test(content);
        if (block && !(end && content.trim() === '')) block.push({ text: fence ? '' : content, outer, index: i });
      }
      if (end) break;
    }
    flush();
    i++;
  }
  return examples;
}
