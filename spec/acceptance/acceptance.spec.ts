// Replays every doctest of the reference documents (spec/acceptance/*.md), README.md and notebooks/
// through the doctest runner; any failing example fails this spec with the runner's report.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandPaths } from '../../src/doctest/files.js';
import { formatReport } from '../../src/doctest/report.js';
import { runFiles } from '../../src/doctest/runner.js';

// This file runs from dist/spec/acceptance/; the documents live in the source tree.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('acceptance: the reference documents and every doctest in README.md and notebooks/', function () {
  this.timeout(600000);

  it('prints what the documents show', async () => {
    const targets = [join(ROOT, 'spec/acceptance'), join(ROOT, 'README.md'), join(ROOT, 'notebooks')].filter((p) => existsSync(p));
    const summary = await runFiles(expandPaths(targets), { flags: {}, timeoutSeconds: 60, failFast: false, accept: false });
    const acceptance = summary.files.filter((f) => f.path.includes(join('spec', 'acceptance')));
    assert.ok(acceptance.length >= 2, 'the reference documents were not found');
    assert.equal(summary.failed, 0, '\n' + formatReport(summary));
  });
});
