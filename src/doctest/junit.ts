// JUnit XML (one testsuite per file, one testcase per example) and the JSON report.
import { formatFailure } from './report.js';
import type { RunSummary } from './runner.js';

const xml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
    // XML 1.0 cannot hold most control characters, even escaped; ANSI escapes would be invalid.
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function junitXml(s: RunSummary): string {
  const time = (n: number) => n.toFixed(3);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = s.files.reduce((t, f) => t + f.results.reduce((u, r) => u + r.seconds, 0), 0);
  lines.push(`<testsuites name="jacobi doctest" tests="${s.passed + s.failed + s.skipped}" failures="${s.failed}" skipped="${s.skipped}" time="${time(total)}">`);
  for (const f of s.files) {
    const count = (st: string) => f.results.filter((r) => r.status === st).length;
    const secs = f.results.reduce((u, r) => u + r.seconds, 0);
    lines.push(`  <testsuite name="${xml(f.path)}" tests="${f.results.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${time(secs)}">`);
    for (const r of f.results) {
      const open = `    <testcase classname="${xml(f.path)}" name="${xml(`${f.path}:${r.line}`)}" time="${time(r.seconds)}"`;
      if (r.status === 'passed') lines.push(`${open}/>`);
      else if (r.status === 'skipped') lines.push(`${open}><skipped/></testcase>`);
      else lines.push(`${open}><failure message="${xml(r.message ?? 'output differs')}">${xml(formatFailure(r))}</failure></testcase>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

export function jsonReport(s: RunSummary): string {
  return JSON.stringify(
    {
      passed: s.passed,
      failed: s.failed,
      skipped: s.skipped,
      files: s.files.map((f) => ({
        path: f.path,
        accepted: f.accepted,
        ...(f.acceptError !== undefined ? { acceptError: f.acceptError } : {}),
        examples: f.results.map((r) => ({
          line: r.line,
          status: r.status,
          source: r.source,
          want: r.want,
          got: r.got,
          ...(r.message ? { message: r.message } : {}),
          ...(r.restarted ? { restarted: true } : {}),
          seconds: r.seconds,
        })),
      })),
    },
    null,
    2,
  ) + '\n';
}
