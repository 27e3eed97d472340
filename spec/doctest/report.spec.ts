import assert from 'node:assert/strict';
import { unifiedDiff } from '../../src/doctest/diff.js';
import { jsonReport, junitXml } from '../../src/doctest/junit.js';
import { closingLine, formatFailure, formatReport } from '../../src/doctest/report.js';
import { summarize, type ExampleResult } from '../../src/doctest/runner.js';

const result = (over: Partial<ExampleResult>): ExampleResult => ({ file: 'docs/a.md', line: 12, source: 'f()', status: 'passed', want: '1\n', got: '1\n', seconds: 0.5, ...over });

describe('doctest reporting', () => {
  const failed = result({ status: 'failed', want: 'a\nb\nc\n', got: 'a\nB\nc\n', message: 'stdout differs' });
  const summary = summarize([
    { path: 'docs/a.md', accepted: false, results: [result({}), failed, result({ line: 20, status: 'skipped', got: '' })] },
  ]);

  it('ends with the N passed, N failed line, adding skipped only when there are any', () => {
    assert.equal(closingLine({ passed: 3, failed: 0, skipped: 0 }), '3 passed, 0 failed');
    assert.equal(closingLine({ passed: 1, failed: 2, skipped: 4 }), '1 passed, 2 failed, 4 skipped');
    assert.ok(formatReport(summary).endsWith('\n1 passed, 1 failed, 1 skipped\n'));
  });

  it('shows file and line, the example, expected and got, and a diff for multi-line output', () => {
    const text = formatFailure(failed);
    assert.match(text, /^\*{70}\nFile "docs\/a\.md", line 12\nFailed example:\n {4}f\(\)\nReason: stdout differs\n/);
    assert.ok(text.includes('Expected:\n    a\n    b\n    c\nGot:\n    a\n    B\n    c\n'));
    assert.ok(text.includes('Differences (unified diff, -expected +got):\n    @@ -1,3 +1,3 @@\n     a\n    -b\n    +B\n     c\n'));
    assert.ok(!formatFailure(result({ status: 'failed', want: '1\n', got: '2\n' })).includes('Differences'));
  });

  it('writes diff hunks with context only around changes', () => {
    const want = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n') + '\n';
    assert.equal(unifiedDiff(want, want.replace('l10', 'x')), '@@ -8,7 +8,7 @@\n l7\n l8\n l9\n-l10\n+x\n l11\n l12\n l13\n');
    assert.equal(unifiedDiff(want, want), '');
    assert.equal(unifiedDiff('', 'x\n'), '@@ -1,0 +1,1 @@\n+x\n');
  });

  it('writes JUnit XML with one testcase per example and escaped failure text', () => {
    const xml = junitXml(summarize([{ path: 'a&b.md', accepted: false, results: [result({ file: 'a&b.md' }), result({ file: 'a&b.md', status: 'failed', want: '<x>\n', got: '"y"\n' }), result({ file: 'a&b.md', status: 'skipped' })] }]));
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="jacobi doctest" tests="3" failures="1" skipped="1"/);
    assert.ok(xml.includes('<testsuite name="a&amp;b.md" tests="3" failures="1" skipped="1"'));
    assert.ok(xml.includes('<testcase classname="a&amp;b.md" name="a&amp;b.md:12" time="0.500"/>'));
    assert.ok(xml.includes('<failure message="output differs">'));
    assert.ok(xml.includes('&lt;x&gt;') && xml.includes('&quot;y&quot;'));
    assert.ok(xml.includes('<skipped/>'));
    assert.ok(!/<x>/.test(xml));
  });

  it('writes a JSON report with counts and every example', () => {
    const json = JSON.parse(jsonReport(summary));
    assert.deepEqual([json.passed, json.failed, json.skipped], [1, 1, 1]);
    assert.equal(json.files[0].examples[1].status, 'failed');
    assert.equal(json.files[0].examples[1].message, 'stdout differs');
    assert.equal(json.files[0].examples[1].line, 12);
  });
});
