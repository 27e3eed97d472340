import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

describe('session: type-check mode', function () {
  this.timeout(30000);
  let s: Session;
  before(async () => {
    s = new Session({ typeCheck: true });
    await s.ready;
  });

  it('reports a type error before running the cell, at the cell position', async () => {
    await value(s, 'let ran = 0\nconst n: number = 1');
    const e = errorOf((await run(s, 'ran = 1\nconst s2: string = n')).outcome);
    assert.equal(e.ename, 'TypeCheckError');
    assert.match(e.evalue, /^TS2322: Type 'number' is not assignable to type 'string'/);
    assert.equal(e.traceback[0], "cell[2]:2:7 - error TS2322: Type 'number' is not assignable to type 'string'.");
    assert.equal(await value(s, 'ran'), '0');
  });

  it('uses the latest declaration of a redeclared name', async () => {
    await value(s, 'let v = 1');
    await value(s, 'let v = "text"');
    assert.equal(await value(s, 'v.toUpperCase()'), "'TEXT'");
  });

  it('accepts the cell dialect: tensor operators, the comma index, top-level await', async () => {
    assert.match(String(await value(s, 'const t = tf.constant([[1.5, 2], [3, 4]])\nconst u = t * 2 + 1\nu[":", 0]')), /tf\.Tensor/);
    assert.equal(await value(s, 'await Promise.resolve(3)'), '3');
  });

  it('reports unknown names', async () => {
    assert.match(errorOf((await run(s, 'notDeclaredAnywhere + 1')).outcome).evalue, /TS2304: Cannot find name 'notDeclaredAnywhere'/);
  });
});
