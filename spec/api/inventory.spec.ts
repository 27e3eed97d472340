// The README's API inventory is generated from the facades (and so from the op table): it must be
// the current one. Refresh with `node dist/src/api/inventory.js --write`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withInventory } from '../../src/api/inventory.js';

describe('api: the README inventory', () => {
  it('lists every name of every facade as they are now', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    assert.ok(readme === withInventory(readme), 'README.md\'s inventory is stale: run `node dist/src/api/inventory.js --write`');
  });
});
