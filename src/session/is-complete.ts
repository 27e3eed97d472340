// Whether a cell is ready to run, decided by TypeScript's scanner and parser: open brackets, an open
// template literal or block comment, or a parse error at the very end mean "incomplete"; any other
// parse error means "invalid" (run it to see the error).
import type { TS } from './typescript.js';
import type { IsCompleteReply } from './types.js';
import { transformMagics, UsageError } from './magics.js';

const CLOSER: Record<string, string> = { '{': '}', '(': ')', '[': ']' };

/** IPython's `name?` / `name??` (help), which the session runs as such: no TypeScript to wait for. */
const QUESTION = /^\s*[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*\s*\?\??\s*$/;

export function isComplete(ts: typeof TS, given: string): IsCompleteReply {
  if (given.trim() === '' || QUESTION.test(given)) return { status: 'complete' };
  // A cell magic (%%time, %%bash) takes lines until an empty one, as in IPython's terminal.
  if (/^%%/.test(given)) return /\n[ \t]*$/.test(given) ? { status: 'complete' } : { status: 'incomplete', indent: '' };
  // Line magics (%time x, !ls) are judged by the TypeScript they become; an unknown one runs, to say so.
  let code: string;
  try {
    code = transformMagics(ts, given).code;
  } catch (e) {
    if (e instanceof UsageError) return { status: 'invalid' };
    throw e;
  }
  const k = ts.SyntaxKind;
  const stack: string[] = [];
  let unterminatedComment = false;
  let badString = false;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code, (message) => {
    if (message.code === 1010) unterminatedComment = true; // '*/' expected
  });
  let previous: TS.SyntaxKind = k.Unknown;
  for (let token = scanner.scan(); token !== k.EndOfFileToken; previous = token, token = scanner.scan()) {
    if ((token === k.SlashToken || token === k.SlashEqualsToken) && !endsExpression(ts, previous)) {
      token = scanner.reScanSlashToken();
    }
    switch (token) {
      case k.OpenBraceToken: stack.push('{'); break;
      case k.OpenParenToken: stack.push('('); break;
      case k.OpenBracketToken: stack.push('['); break;
      case k.TemplateHead:
        if (scanner.isUnterminated()) return incomplete(stack);
        stack.push('${');
        break;
      case k.NoSubstitutionTemplateLiteral:
        if (scanner.isUnterminated()) return incomplete(stack);
        break;
      case k.StringLiteral:
        if (scanner.isUnterminated()) badString = true;
        break;
      case k.CloseBraceToken:
        if (stack[stack.length - 1] === '${') {
          token = scanner.reScanTemplateToken(false);
          if (scanner.isUnterminated()) return incomplete(stack);
          if (token === k.TemplateTail) stack.pop();
          break;
        }
        if (stack.pop() !== '{') return { status: 'invalid' };
        break;
      case k.CloseParenToken:
      case k.CloseBracketToken:
        if (CLOSER[stack.pop() ?? ''] !== ts.tokenToString(token)) return { status: 'invalid' };
        break;
    }
  }
  if (unterminatedComment) return incomplete(stack);
  if (badString) return { status: 'invalid' };
  if (stack.length > 0) return incomplete(stack);
  const sf = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (sf as unknown as { parseDiagnostics: readonly TS.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: 'complete' };
  const end = code.trimEnd().length;
  return diagnostics.some((d) => (d.start ?? 0) >= end) ? incomplete(stack) : { status: 'invalid' };
}

function incomplete(stack: string[]): IsCompleteReply {
  return { status: 'incomplete', indent: '  '.repeat(stack.filter((s) => s !== '${').length) };
}

/** After these a `/` divides; anywhere else it starts a regular expression. */
function endsExpression(ts: typeof TS, kind: TS.SyntaxKind): boolean {
  const k = ts.SyntaxKind;
  return kind === k.Identifier || kind === k.NumericLiteral || kind === k.BigIntLiteral || kind === k.StringLiteral ||
    kind === k.CloseParenToken || kind === k.CloseBracketToken || kind === k.CloseBraceToken || kind === k.ThisKeyword ||
    kind === k.RegularExpressionLiteral || kind === k.NoSubstitutionTemplateLiteral || kind === k.TemplateTail ||
    kind === k.PlusPlusToken || kind === k.MinusMinusToken || kind === k.TrueKeyword || kind === k.FalseKeyword ||
    kind === k.NullKeyword || kind === k.SuperKeyword;
}
