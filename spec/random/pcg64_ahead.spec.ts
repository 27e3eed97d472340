// PCG64 outputs computed ahead in the WebAssembly module (reserve): the same outputs and the same
// final state as drawn one at a time, through every Generator method that reserves.
import assert from 'node:assert/strict';
import { PCG64, type BitGenerator, type U64 } from '../../src/api/random/numpy_bitgen.js';
import { SeedSequence } from '../../src/api/random/seed_sequence.js';
import { Generator } from '../../src/api/random/numpy_generator.js';

/** The generator's draws without reserve(): one at a time, as before the module. */
function oneByOne(g: PCG64): BitGenerator {
  return { nextUint32: () => g.nextUint32(), nextUint64: (out: U64) => g.nextUint64(out), nextDouble: () => g.nextDouble() } as BitGenerator;
}

describe('random: PCG64 outputs computed ahead', function () {
  it('gives the outputs and the state of one-at-a-time draws', function () {
    const a = new PCG64(new SeedSequence(2024)), b = new PCG64(new SeedSequence(2024));
    const wa: U64 = [0, 0], wb: U64 = [0, 0];
    for (let i = 0; i < 20000; i++) {
      a.reserve(20000 - i);
      a.nextUint64(wa); b.nextUint64(wb);
      if (wa[0] !== wb[0] || wa[1] !== wb[1]) assert.fail(`output ${i}: ${wa} vs ${wb}`);
    }
    assert.deepEqual(a.getState(), b.getState());
  });

  it('standard_normal, normal, random and uniform draw the same numbers and leave the same state', function () {
    const runs: [string, (g: Generator) => ArrayLike<number>][] = [
      ['standard_normal', (g) => g.standardNormal(30001)], ['normal', (g) => g.normal(1.5, 2, 9000)],
      ['random', (g) => g.random(12345)], ['uniform', (g) => g.uniform(-3, 4, 7777)],
    ];
    for (const [name, f] of runs) {
      const pa = new PCG64(new SeedSequence(7)), pb = new PCG64(new SeedSequence(7));
      const got = f(new Generator(pa)), want = f(new Generator(oneByOne(pb)));
      for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) assert.fail(`${name} ${i}: ${got[i]} vs ${want[i]}`);
      assert.deepEqual(pa.getState(), pb.getState(), name);
    }
  });

  it('refuses to report a state with outputs still ahead, and setting the state drops them', function () {
    const g = new PCG64(new SeedSequence(1));
    const s = g.getState();
    g.reserve(100);
    assert.throws(() => g.getState(), /reserved ahead were not drawn/);
    g.setState(s);
    const w: U64 = [0, 0], ref = new PCG64(new SeedSequence(1));
    const r: U64 = [0, 0];
    assert.deepEqual(g.nextUint64(w), ref.nextUint64(r));
  });
});
