// matplotlib.pyplot in Python cells is the scope's `plt`, which loads on first use (a lazy scope value,
// as the plotting work makes it): a cell that imports matplotlib loads it first. A stand-in `plt`
// here records what Python calls on it.
import assert from 'node:assert/strict';
import { loadScope } from '../../src/session/scope.js';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: matplotlib.pyplot is the scope\'s plt, loaded when a cell imports it', function () {
  this.timeout(LOAD_TIMEOUT);
  const calls: unknown[][] = [];
  let loads = 0;
  let saved: unknown;

  before(async () => {
    const scope = await loadScope();
    saved = scope.plt;
    const plt = {
      plot: (...args: unknown[]) => { calls.push(['plot', ...args]); return [{ [Symbol.for('jacobi.repr')]: () => '<matplotlib.lines.Line2D object>' }]; },
      title: (...args: unknown[]) => { calls.push(['title', ...args]); },
    };
    scope.plt = { [Symbol.for('jacobi.lazy')]: async () => { loads++; return plt; } };
  });
  after(async () => {
    const scope = await loadScope();
    if (saved === undefined) delete scope.plt;
    else scope.plt = saved;
  });

  it('loads plt for a cell that imports matplotlib, and passes arguments and keywords through', async () => {
    const py = new Py();
    await py.ok('x = 1');
    assert.equal(loads, 0);
    const r = await py.ok('import matplotlib.pyplot as plt\nlines = plt.plot([1.0, 2.0], [3, 4], color="red")\nplt.title("t")\nlines');
    assert.equal(loads, 1);
    assert.equal(r.plain, '[<matplotlib.lines.Line2D object>]');
    assert.equal(calls.length, 2);
    assert.deepEqual(JSON.parse(JSON.stringify(calls[0])), ['plot', [1, 2], [3, 4], { color: 'red' }]);
    assert.deepEqual(calls[1], ['title', 't']);
    assert.equal(await py.raises('plt.no_such_function'), "AttributeError: module 'matplotlib.pyplot' has no attribute 'no_such_function' (Jacobi does not provide it)");
  });
});
