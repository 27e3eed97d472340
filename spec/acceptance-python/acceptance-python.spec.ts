// The libraries' own examples in Python (spec/acceptance-python/*.md) through `jacobi doctest`: every
// example listed in passing.json must pass. The others are the core's to grow into (STATUS.md says
// why each document's failures fail); examples that pass and are not listed yet are reported.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatReport } from '../../src/doctest/report.js';
import { PASSING, passingLines, runDocuments } from './subset.js';

describe('acceptance-python: the libraries\' examples in Python cells', function () {
  this.timeout(900_000);

  it('passes every example of the chosen subset (passing.json)', async () => {
    const subset = JSON.parse(readFileSync(PASSING, 'utf8')) as Record<string, number[]>;
    const chosen = Object.values(subset).reduce((n, lines) => n + lines.length, 0);
    assert.ok(chosen >= 100, `the subset holds ${chosen} examples`);
    const summary = await runDocuments();
    const passed = passingLines(summary);
    const regressions: string[] = [];
    let newlyPassing = 0;
    for (const [doc, lines] of Object.entries(subset)) {
      const now = new Set(passed[doc] ?? []);
      for (const line of lines) if (!now.has(line)) regressions.push(`${doc}:${line}`);
      newlyPassing += [...now].filter((l) => !lines.includes(l)).length;
    }
    console.log(`      ${summary.passed} of ${summary.passed + summary.failed} examples pass; the subset holds ${chosen}${newlyPassing ? `; ${newlyPassing} pass beyond it (grow it with subset.js --write)` : ''}`);
    if (regressions.length) {
      const failing = { ...summary, files: summary.files.map((f) => ({ ...f, results: f.results.filter((r) => regressions.includes(`${f.path.split(/[\\/]/).pop()}:${r.line}`)) })) };
      assert.fail(`${regressions.length} example(s) of the subset fail: ${regressions.join(', ')}\n${formatReport({ ...failing, passed: 0, failed: regressions.length })}`);
    }
  });
});
