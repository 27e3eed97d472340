// Splits a `>>>` transcript into examples with Python doctest's rules: a prompt line and its `...`
// continuations are the source; the expected output runs to the next blank line or prompt.
import { DirectiveError, sourceDirectives } from './directives.js';
import type { TranscriptExample } from './types.js';

/** A line of the file with whatever encloses it (a doc comment's ` * `) already removed. */
export interface TranscriptLine {
  text: string;
  /** What was removed in front of `text`; --accept writes it back. */
  outer: string;
  /** 0-based line number in the file. */
  index: number;
}

export class ParseError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

const PROMPT = /^( *)>>>( |$)/;

export function parseTranscript(lines: TranscriptLine[]): TranscriptExample[] {
  const examples: TranscriptExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    const m = PROMPT.exec(first.text);
    if (!m) {
      if (/^ *>>>\S/.test(first.text)) throw new ParseError(`line lacks a blank after >>>: ${first.text.trim()}`, first.index + 1);
      i++;
      continue;
    }
    const indent = m[1]!;
    const source = [first.text.slice(indent.length + 4)];
    i++;
    const cont = new RegExp(`^${indent}\\.\\.\\.( |$)`);
    while (i < lines.length && cont.test(lines[i]!.text)) source.push(lines[i++]!.text.slice(indent.length + 4));
    // Lines are consecutive in the file, so the output's range follows the last source line.
    const wantStart = lines[i - 1]!.index + 1;
    const want: string[] = [];
    while (i < lines.length && lines[i]!.text.trim() !== '' && !/^ *>>>/.test(lines[i]!.text)) {
      const text = lines[i]!.text;
      if (!text.startsWith(indent)) {
        throw new ParseError(`expected output is indented less than its prompt: ${text.trim()}`, lines[i]!.index + 1);
      }
      want.push(text.slice(indent.length));
      i++;
    }
    const src = source.join('\n');
    let flags;
    try {
      flags = sourceDirectives(src);
    } catch (e) {
      if (e instanceof DirectiveError) throw new ParseError(e.message, first.index + 1);
      throw e;
    }
    examples.push({
      kind: 'transcript',
      source: src,
      want: want.map((l) => l + '\n').join(''),
      line: first.index + 1,
      wantStart,
      wantEnd: wantStart + want.length,
      prefix: first.outer + indent,
      flags,
    });
  }
  return examples;
}
