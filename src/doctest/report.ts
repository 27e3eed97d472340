// Human-readable failure reports in Python doctest's layout, and the closing `N passed, N failed` line.
import { unifiedDiff } from './diff.js';
import type { ExampleResult, RunSummary } from './runner.js';

const RULE = '*'.repeat(70);
const indent = (text: string) => text.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n') + '\n';

export function formatFailure(r: ExampleResult): string {
  let out = `${RULE}\nFile "${r.file}", line ${r.line}\n`;
  if (r.source !== '') out += `Failed example:\n${indent(r.source)}`;
  if (r.message) out += `Reason: ${r.message}\n`;
  if (r.restarted) out += 'Note: an earlier example stopped the session; this one ran in a fresh session.\n';
  out += r.want === '' ? 'Expected nothing\n' : `Expected:\n${indent(r.want)}`;
  out += r.got === '' ? 'Got nothing\n' : `Got:\n${indent(r.got)}`;
  const multiline = r.want.replace(/\n$/, '').includes('\n') || r.got.replace(/\n$/, '').includes('\n');
  if (multiline) {
    const diff = unifiedDiff(r.want, r.got);
    if (diff) out += `Differences (unified diff, -expected +got):\n${indent(diff)}`;
  }
  return out;
}

export function closingLine(s: Pick<RunSummary, 'passed' | 'failed' | 'skipped'>): string {
  return `${s.passed} passed, ${s.failed} failed${s.skipped > 0 ? `, ${s.skipped} skipped` : ''}`;
}

/** Every failure's report, then the closing line. */
export function formatReport(s: RunSummary): string {
  const failures = s.files.flatMap((f) => f.results.filter((r) => r.status === 'failed'));
  return failures.map(formatFailure).join('') + (failures.length > 0 ? `${RULE}\n` : '') + closingLine(s) + '\n';
}
