import assert from 'node:assert/strict';
import { Session } from '../../src/session/session.js';
import { errorOf, run, value } from './helpers.js';

describe('session: errors', () => {
  let s: Session;
  beforeEach(async () => {
    s = new Session();
    await s.ready;
  });

  it('points a syntax error at the cell line and column with a caret', async () => {
    await run(s, '1');
    const e = errorOf((await run(s, 'const ok = 1\nconst xs = [1 2]')).outcome);
    assert.equal(e.ename, 'SyntaxError');
    assert.equal(e.evalue, "',' expected.");
    assert.deepEqual(e.traceback, ['cell[2]:2:15', '  const xs = [1 2]', '                ^', "SyntaxError: ',' expected."]);
  });

  it('names the error, its message and cell frames with the cell\'s own positions', async () => {
    await value(s, 'function inner(o: any) {\n  return o.a.b\n}');
    const e = errorOf((await run(s, 'const y = 1\n\n  inner({})')).outcome);
    assert.equal(e.ename, 'TypeError');
    assert.match(e.evalue, /Cannot read properties of undefined/);
    assert.equal(e.traceback[0], `TypeError: ${e.evalue}`);
    assert.deepEqual(e.traceback.slice(1).map((l) => l.trim()), ['at inner (cell[1]:2:14)', 'at cell[2]:3:3']);
  });

  it('maps positions after TypeScript-only syntax and rewritten operators', async () => {
    const e = errorOf((await run(s, 'interface I { a: number }\nconst t: I = { a: 1 } as I\nconst z = t.a + 2 * missing')).outcome);
    assert.equal(e.ename, 'ReferenceError');
    assert.match(e.traceback[1]!, /cell\[1\]:3:/);
  });

  it('trims the runtime\'s and Node\'s frames', async () => {
    const e = errorOf((await run(s, 'const a = tf.constant([1, 2])\nconst b = tf.constant([1, 2, 3])\n\na + b')).outcome);
    assert.equal(e.ename, 'InvalidArgumentError');
    assert.match(e.evalue, /Incompatible shapes/);
    assert.deepEqual(e.traceback.slice(1).map((l) => l.trim()), ['at cell[1]:4:1']);
    assert.ok(e.traceback.every((l) => !/node:|dist\//.test(l)));
  });

  it('reports errors of an awaited cell with cell positions', async () => {
    const e = errorOf((await run(s, 'await null\nthrow new RangeError("late")')).outcome);
    assert.equal(e.ename, 'RangeError');
    assert.equal(e.evalue, 'late');
    assert.match(e.traceback[1]!, /cell\[1\]:2:7/);
  });

  it('reports a thrown non-error value', async () => {
    const e = errorOf((await run(s, 'throw { code: 3 }')).outcome);
    assert.equal(e.ename, 'Uncaught');
    assert.match(e.evalue, /code/);
  });
});
