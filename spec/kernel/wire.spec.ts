import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { decode, encode, makeHeader, ReplayGuard, Signer, WireError } from '../../kernel/wire.js';

describe('kernel wire format', () => {
  const signer = new Signer('secret');
  const message = (content: Record<string, unknown> = { code: '1 + 1' }) =>
    encode(signer, [Buffer.from('client')], makeHeader('execute_request', 's'), {}, {}, content);

  it('round-trips a signed message with its routing identity', () => {
    const decoded = decode(message(), signer);
    assert.deepEqual(decoded.idents, [Buffer.from('client')]);
    assert.equal(decoded.header.msg_type, 'execute_request');
    assert.equal(decoded.header.version, '5.3');
    assert.deepEqual(decoded.content, { code: '1 + 1' });
  });

  it('signs with HMAC-SHA256 hex over the four JSON frames, as jupyter_client does', () => {
    const frames = message();
    const at = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
    const expected = createHmac('sha256', 'secret');
    for (const f of frames.slice(at + 2, at + 6)) expected.update(f);
    assert.equal(frames[at + 1]!.toString(), expected.digest('hex'));
  });

  it('rejects bad, missing and (with a guard) replayed signatures', () => {
    const frames = message();
    const at = frames.findIndex((f) => f.toString() === '<IDS|MSG>');
    const bad = [...frames];
    bad[at + 1] = Buffer.from('0'.repeat(64));
    assert.throws(() => decode(bad, signer), /bad signature/);
    const missing = [...frames];
    missing[at + 1] = Buffer.alloc(0);
    assert.throws(() => decode(missing, signer), /missing signature/);
    const tampered = [...frames];
    tampered[at + 5] = Buffer.from('{"code":"evil()"}');
    assert.throws(() => decode(tampered, signer), /bad signature/);
    const guard = new ReplayGuard();
    decode(frames, signer, guard);
    assert.throws(() => decode(frames, signer, guard), /replayed signature/);
  });

  it('forgets the oldest signatures beyond its capacity', () => {
    const guard = new ReplayGuard(2);
    assert.ok(guard.accept('a') && guard.accept('b') && guard.accept('c'));
    assert.equal(guard.accept('c'), false);
    assert.equal(guard.accept('a'), true);
  });

  it('reports malformed frames as WireError', () => {
    const unsigned = new Signer('');
    const cases: Buffer[][] = [
      [],
      [Buffer.from('hello')],
      [Buffer.from('<IDS|MSG>'), Buffer.from('')],
      [Buffer.from('<IDS|MSG>'), Buffer.from(''), Buffer.from('{'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')],
      [Buffer.from('<IDS|MSG>'), Buffer.from(''), Buffer.from('[]'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')],
      [Buffer.from('<IDS|MSG>'), Buffer.from(''), Buffer.from('{"msg_type":1}'), Buffer.from('{}'), Buffer.from('{}'), Buffer.from('{}')],
    ];
    for (const frames of cases) assert.throws(() => decode(frames, unsigned), WireError);
  });

  it('accepts unsigned messages only when the key is empty', () => {
    const unsigned = new Signer('');
    const frames = encode(unsigned, [], makeHeader('kernel_info_request', 's'), {}, {}, {});
    assert.equal(decode(frames, unsigned).header.msg_type, 'kernel_info_request');
    assert.throws(() => decode(frames, signer), /missing signature/);
  });

  it('knows the schemes it can verify', () => {
    assert.doesNotThrow(() => new Signer('k', 'hmac-sha512'));
    assert.throws(() => new Signer('k', 'rot13'), /unsupported signature scheme/);
  });
});
