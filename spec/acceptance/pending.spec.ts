// The pending documents (spec/acceptance-pending/) hold the examples of the same pages that Jacobi does
// not yet print as the libraries do, each tagged `// pending: <cause>`, beside the untagged examples
// they need. Like a strict xfail: an untagged example must pass, and a tagged one must still fail, so a
// fix that makes one pass is noticed and the example untagged (TRIAGE.md lists the causes).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandPaths } from '../../src/doctest/files.js';
import { runFiles } from '../../src/doctest/runner.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PENDING = /\/\/ pending: ([\w-]+)/;

describe('acceptance: the pending examples', function () {
  this.timeout(600000);

  it('fail where tagged pending, pass everywhere else', async () => {
    const summary = await runFiles(expandPaths([join(ROOT, 'spec/acceptance-pending')]), { flags: {}, timeoutSeconds: 60, failFast: false, accept: false });
    assert.ok(summary.files.length >= 10, 'the pending documents were not found');
    const wrong: string[] = [];
    let pending = 0;
    for (const file of summary.files) {
      for (const r of file.results) {
        const tag = PENDING.exec(r.source)?.[1];
        if (tag) pending++;
        const where = `${file.path.slice(ROOT.length)}:${r.line}`;
        if (tag && r.status === 'passed') wrong.push(`${where} now passes: remove its \`// pending: ${tag}\``);
        if (!tag && r.status === 'failed') wrong.push(`${where} fails and is not tagged pending:\n${r.source}\n--- want\n${r.want}\n--- got\n${r.got ?? ''}`);
      }
    }
    assert.ok(pending > 0, 'no pending examples: move the documents into spec/acceptance');
    assert.deepEqual(wrong, []);
  });
});
