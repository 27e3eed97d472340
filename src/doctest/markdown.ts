// Examples in Markdown: ```ts / ```typescript fences holding `>>>` transcripts (```python, ```py and
// ```pycon fences hold Python examples, and so do fences without a language under `--lang python`),
// plus file-level directives in HTML comments (`<!-- doctest: +NORMALIZE_WHITESPACE -->`) that apply
// to the whole file.
import { DirectiveError, mergeFlags, parseDirective } from './directives.js';
import { splitLines } from './lines.js';
import { ParseError, parseTranscript, type TranscriptLine } from './transcript.js';
import { asPython } from './python.js';
import type { Flags, TranscriptExample } from './types.js';

const OPEN = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`{]*)/;
const LANGS = new Set(['ts', 'typescript']);
const PYTHON_LANGS = new Set(['python', 'py', 'pycon', 'python3', 'ipython', 'ipython3']);

/** `untagged`: the language of fences that name none (examples in them are not run when undefined). */
export function parseMarkdown(text: string, untagged?: 'python'): { examples: TranscriptExample[]; flags: Flags } {
  const { lines } = splitLines(text);
  const examples: TranscriptExample[] = [];
  const fileFlags: Flags[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPEN.exec(lines[i]!);
    if (!open) {
      for (const m of lines[i]!.matchAll(/<!--\s*doctest:\s*(.*?)\s*-->/g)) {
        try {
          fileFlags.push(parseDirective(m[1]!));
        } catch (e) {
          if (e instanceof DirectiveError) throw new ParseError(e.message, i + 1);
          throw e;
        }
      }
      i++;
      continue;
    }
    const [, indent, fence, lang] = open;
    const close = new RegExp(`^ {0,3}${fence![0] === '`' ? '`' : '~'}{${fence!.length},}\\s*$`);
    const body: TranscriptLine[] = [];
    i++;
    while (i < lines.length && !close.test(lines[i]!)) {
      const line = lines[i]!;
      // Content is de-indented by up to the fence's own indent, as CommonMark does.
      const outer = /^ */.exec(line)![0].slice(0, indent!.length);
      body.push({ text: line.slice(outer.length), outer, index: i });
      i++;
    }
    i++;
    const tag = lang!.toLowerCase();
    if (LANGS.has(tag)) examples.push(...parseTranscript(body));
    else if (PYTHON_LANGS.has(tag) || (tag === '' && untagged === 'python')) {
      examples.push(...asPython(parseTranscript(body)));
    }
  }
  return { examples, flags: mergeFlags(...fileFlags) };
}
