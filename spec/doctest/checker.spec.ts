import assert from 'node:assert/strict';
import { checkOutput } from '../../src/doctest/checker.js';
import { parseDirective, parseTolerance } from '../../src/doctest/directives.js';
import { checkException, expectedException } from '../../src/doctest/exceptions.js';
import { gotText, judgeTranscript, markBlankLines } from '../../src/doctest/judge.js';
import type { Flags, TranscriptExample } from '../../src/doctest/types.js';

const ok = (want: string, got: string, flags: Flags = {}) => checkOutput(want, got, flags).ok;

describe('doctest checker', () => {
  it('compares exactly by default', () => {
    assert.ok(ok('2\n', '2\n'));
    assert.ok(!ok('2\n', '3\n'));
    assert.ok(!ok('a  b\n', 'a b\n'));
    assert.ok(!ok('[1, ...]\n', '[1, 2]\n'));
  });

  it('reads <BLANKLINE> as an empty line unless DONT_ACCEPT_BLANKLINE', () => {
    assert.ok(ok('a\n<BLANKLINE>\nb\n', 'a\n\nb\n'));
    assert.ok(ok('a\n<BLANKLINE>\n', 'a\n   \n'));
    assert.ok(!ok('a\n<BLANKLINE>\nb\n', 'a\n\nb\n', { DONT_ACCEPT_BLANKLINE: true }));
    assert.equal(markBlankLines('a\n\nb\n\n'), 'a\n<BLANKLINE>\nb\n<BLANKLINE>\n');
  });

  it('NORMALIZE_WHITESPACE treats every whitespace run as one space', () => {
    assert.ok(ok('[1, 2,\n 3]\n', '[1,   2, 3]\n', { NORMALIZE_WHITESPACE: true }));
    assert.ok(!ok('[1, 2, 3]\n', '[1,2, 3]\n', { NORMALIZE_WHITESPACE: true }));
  });

  it('ELLIPSIS matches any text, across lines, and also inside a tensor repr', () => {
    const E = { ELLIPSIS: true };
    assert.ok(ok('<tf.Tensor: shape=(), dtype=float32, numpy=...>\n', '<tf.Tensor: shape=(), dtype=float32, numpy=-1.7002447>\n', E));
    assert.ok(ok('tensor([1., ..., 9.])\n', 'tensor([1., 2.,\n 3., 9.])\n', E));
    assert.ok(ok('...\n', 'anything\nat all\n', E));
    assert.ok(!ok('<tf.Tensor: shape=(2,), dtype=float32, numpy=...>\n', '<tf.Tensor: shape=(), dtype=float32, numpy=1.0>\n', E));
    // The pieces may not overlap: 'aa...aa' needs four a's.
    assert.ok(!ok('aa...aa\n', 'aaa\n', E));
    assert.ok(ok('a...b...c\n', 'a1b2c\n', { ELLIPSIS: true, NORMALIZE_WHITESPACE: true }));
  });
});

describe('doctest checker: TOLERANCE', () => {
  const T = (rtol = 1e-5, atol = 1e-8): Flags => ({ TOLERANCE: { rtol, atol } });

  it('compares each number within atol + rtol * |expected|', () => {
    assert.ok(ok('tf.Tensor(-1.7002447, shape=(), dtype=float32)\n', 'tf.Tensor(-1.7002449, shape=(), dtype=float32)\n', T()));
    assert.ok(!ok('tf.Tensor(-1.7002447, shape=(), dtype=float32)\n', 'tf.Tensor(-1.7012447, shape=(), dtype=float32)\n', T()));
    assert.ok(ok('0.0\n', '1e-9\n', T()));
    assert.ok(!ok('0.0\n', '1e-7\n', T()));
    assert.ok(ok('1.0\n', '1.05\n', T(0.1, 0)));
  });

  it('treats nan as equal to nan and compares inf exactly', () => {
    assert.ok(ok('[nan, inf, -inf]\n', '[nan, inf, -inf]\n', T()));
    assert.ok(!ok('[inf]\n', '[-inf]\n', T()));
    assert.ok(!ok('[inf]\n', '[1e308]\n', T(1, 1)));
    assert.ok(!ok('[nan]\n', '[0.0]\n', T(1, 1)));
  });

  it('requires the tensor header (shape, dtype) and the text around numbers to match exactly', () => {
    const want = "<tf.Variable 'kernel:0' shape=(2, 1) dtype=float32, numpy=\narray([[-1.3399825],\n       [ 1.3681983]], dtype=float32)>\n";
    assert.ok(ok(want, want.replace('1.3681983', '1.3681985'), T()));
    assert.ok(!ok(want, want.replace('shape=(2, 1)', 'shape=(2, 2)'), T(1, 10)));
    assert.ok(!ok(want, want.replace('kernel:0', 'kernel:1'), T(1, 10)));
    assert.ok(!ok(want, want.replace(/float32/g, 'float64'), T(1, 10)));
    assert.ok(!ok('torch.Size([3])\n', 'torch.Size([4])\n', T(1, 10)));
    assert.ok(!ok('tensor([1.0])\n', 'array([1.0])\n', T()));
  });

  it('ignores padding that depends on the digits, but not a different count of numbers', () => {
    assert.ok(ok('[ 3. 12.]\n', '[ 3.000001 12.      ]\n', T()));
    const r = checkOutput('[1. 2. 3.]\n', '[1. 2.]\n', T());
    assert.equal(r.ok, false);
    assert.equal(r.message, 'expected 3 numbers, got 2');
  });

  it('names the numbers that differ', () => {
    const r = checkOutput('[1.0, 2.0]\n', '[1.0, 2.5]\n', T());
    assert.equal(r.ok, false);
    assert.match(r.message!, /number 2: expected 2\.0, got 2\.5/);
  });

  it('combines with ELLIPSIS', () => {
    assert.ok(ok('tensor([9.6108, ..., 8.5430])\n', 'tensor([9.61084, 7.59375, 8.542969])\n', { ...T(1e-4), ELLIPSIS: true }));
    assert.ok(!ok('tensor([9.6108, ...])\n', 'tensor([9.7, 7.59375])\n', { ...T(1e-4), ELLIPSIS: true }));
  });

  it('parses directive and CLI forms', () => {
    assert.deepEqual(parseDirective('+TOLERANCE'), { TOLERANCE: { rtol: 1e-5, atol: 1e-8 } });
    assert.deepEqual(parseDirective('+TOLERANCE(atol=0.5, rtol=0)'), { TOLERANCE: { rtol: 0, atol: 0.5 } });
    assert.deepEqual(parseDirective('-TOLERANCE +ELLIPSIS'), { TOLERANCE: false, ELLIPSIS: true });
    assert.deepEqual(parseTolerance('1e-3,1e-6'), { rtol: 1e-3, atol: 1e-6 });
    assert.throws(() => parseTolerance('rtol=-1'));
    assert.throws(() => parseDirective('+SKIP(1)'));
  });
});

describe('doctest checker: exceptions', () => {
  it('finds the exception line after a traceback header and ignores the stack', () => {
    assert.equal(expectedException('Traceback (most recent call last):\n  File "x", line 1\n    ...\nValueError: bad\n'), 'ValueError: bad\n');
    assert.equal(expectedException('ValueError: bad\n'), null);
  });

  it('matches the header form, the bare form, and multi-line messages', () => {
    assert.ok(checkException('Traceback (most recent call last):\n  ...\nValueError: bad\n', 'ValueError', 'bad', {}).ok);
    assert.ok(checkException('ValueError: bad\n', 'ValueError', 'bad', {}).ok);
    assert.ok(checkException('Traceback (most recent call last):\n  ...\nValueError: line 1\nline 2\n', 'ValueError', 'line 1\nline 2', {}).ok);
    assert.ok(!checkException('ValueError: bad\n', 'ValueError', 'worse', {}).ok);
    assert.ok(!checkException('ValueError: bad\n', 'TypeError', 'bad', {}).ok);
    assert.ok(checkException('ValueError\n', 'ValueError', '', {}).ok);
  });

  it('IGNORE_EXCEPTION_DETAIL compares the class name only, without its module', () => {
    const I = { IGNORE_EXCEPTION_DETAIL: true };
    assert.ok(checkException('Traceback (most recent call last):\n  ...\nerrors.ValueError: something else\n', 'ValueError', 'bad', I).ok);
    assert.ok(!checkException('TypeError: bad\n', 'ValueError', 'bad', I).ok);
  });

  it('applies ELLIPSIS to the message', () => {
    assert.ok(checkException('ValueError: shapes ... differ\n', 'ValueError', 'shapes (2,) and (3,) differ', { ELLIPSIS: true }).ok);
  });
});

describe('doctest judge', () => {
  const ex = (want: string): TranscriptExample => ({ kind: 'transcript', source: 'f()', want, line: 1, wantStart: 1, wantEnd: 1, prefix: '', flags: {} });
  const done = (...outputs: Parameters<typeof gotText>[0]) => ({ status: 'done' as const, outputs });
  const err = { output_type: 'error' as const, ename: 'ValueError', evalue: 'bad', traceback: ['  at cell:1:1'] };

  it('builds the got text from streams, then the result repr, adding the final newline', () => {
    assert.equal(gotText([{ output_type: 'stream', name: 'stdout', text: 'a' }, { output_type: 'execute_result', data: { 'text/plain': '2' } }]), 'a2\n');
    assert.equal(gotText([{ output_type: 'stream', name: 'stdout', text: 'a' }]), 'a\n');
    assert.equal(gotText([]), '');
  });

  it('fails a wrong expected output and proposes the got text for --accept', () => {
    const v = judgeTranscript(ex('3\n'), {}, done({ output_type: 'execute_result', data: { 'text/plain': '2' } }));
    assert.equal(v.status, 'failed');
    assert.deepEqual(v.accept, { text: '2\n' });
  });

  it('fails an unexpected exception, and passes an expected one whatever was printed before it', () => {
    assert.equal(judgeTranscript(ex(''), {}, done(err)).message, 'unexpected exception');
    assert.equal(judgeTranscript(ex('ValueError: bad\n'), {}, done({ output_type: 'stream', name: 'stdout', text: 'noise\n' }, err)).status, 'passed');
  });

  it('honours RAISES, IGNORE_OUTPUT and SKIP', () => {
    assert.equal(judgeTranscript(ex(''), { RAISES: true }, done(err)).status, 'passed');
    assert.equal(judgeTranscript(ex(''), { RAISES: true }, done()).status, 'failed');
    assert.equal(judgeTranscript(ex('x\n'), { IGNORE_OUTPUT: true }, done({ output_type: 'stream', name: 'stdout', text: 'y\n' })).status, 'passed');
    assert.equal(judgeTranscript(ex('x\n'), { IGNORE_OUTPUT: true }, done(err)).status, 'failed');
    assert.equal(judgeTranscript(ex('x\n'), { SKIP: true }, done()).status, 'skipped');
  });

  it('reports timeouts and crashes as failures without proposing a rewrite', () => {
    const t = judgeTranscript(ex(''), {}, { status: 'timeout', seconds: 1, outputs: [] });
    assert.equal(t.status, 'failed');
    assert.equal(t.message, 'timed out after 1 s');
    assert.equal(t.accept, undefined);
  });
});
