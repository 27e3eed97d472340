// The Jupyter wire format: routing identities, the `<IDS|MSG>` delimiter, an HMAC signature over the
// four JSON frames, then the frames and binary buffers. Pure functions, shared by the I/O worker and
// the protocol specs' client.
import { createHmac, getHashes, randomUUID, timingSafeEqual } from 'node:crypto';

export const PROTOCOL_VERSION = '5.3';
const DELIMITER = Buffer.from('<IDS|MSG>');

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
  [key: string]: unknown;
}

export interface Message {
  idents: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

/** Signs and verifies with the connection file's key and scheme; an empty key disables signing, as in jupyter_client. */
export class Signer {
  private readonly algorithm: string;
  private readonly key: Buffer;

  constructor(key: string, scheme = 'hmac-sha256') {
    const match = /^hmac-([a-z0-9-]+)$/i.exec(scheme);
    const algorithm = match?.[1]?.toLowerCase();
    if (!algorithm || !getHashes().includes(algorithm)) throw new Error(`unsupported signature scheme '${scheme}'`);
    this.algorithm = algorithm;
    this.key = Buffer.from(key, 'utf8');
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(frames: readonly Buffer[]): string {
    if (!this.enabled) return '';
    const hmac = createHmac(this.algorithm, this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest('hex');
  }

  /** Constant-time comparison: the length check leaks only the (public) digest length. */
  verify(signature: Buffer, frames: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), 'utf8');
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
}

/** Remembers recent signatures so a captured message cannot be replayed (jupyter_client keeps a digest history too). */
export class ReplayGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 65536) {}

  /** True the first time a signature is seen. */
  accept(signature: string): boolean {
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    if (this.seen.size > this.capacity) {
      // Sets iterate in insertion order: the first entry is the oldest.
      const oldest = this.seen.values().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }
}

export class WireError extends Error {}

/** Splits raw frames into a message; throws WireError on anything malformed or badly signed. */
export function decode(frames: readonly Buffer[], signer: Signer, replay?: ReplayGuard): Message {
  const at = frames.findIndex((f) => f.equals(DELIMITER));
  if (at < 0) throw new WireError('no <IDS|MSG> delimiter');
  if (frames.length < at + 6) throw new WireError(`expected 5 frames after the delimiter, got ${frames.length - at - 1}`);
  const signature = frames[at + 1]!;
  const parts = frames.slice(at + 2, at + 6);
  if (signer.enabled) {
    if (signature.length === 0) throw new WireError('missing signature');
    if (!signer.verify(signature, parts)) throw new WireError('bad signature');
    if (replay && !replay.accept(signature.toString('latin1'))) throw new WireError('replayed signature');
  }
  const [header, parent_header, metadata, content] = parts.map((part, i) => parseObject(part, FRAME_NAMES[i]!));
  if (typeof header!.msg_type !== 'string' || typeof header!.msg_id !== 'string') {
    throw new WireError('header lacks msg_id or msg_type');
  }
  return {
    idents: frames.slice(0, at),
    header: header as Header,
    parent_header: parent_header as Partial<Header>,
    metadata: metadata!,
    content: content!,
    buffers: frames.slice(at + 6),
  };
}

const FRAME_NAMES = ['header', 'parent_header', 'metadata', 'content'];

function parseObject(frame: Buffer, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString('utf8'));
  } catch {
    throw new WireError(`${name} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WireError(`${name} is not an object`);
  return value as Record<string, unknown>;
}

export function makeHeader(msgType: string, session: string, username = 'kernel'): Header {
  return { msg_id: randomUUID(), msg_type: msgType, session, username, date: new Date().toISOString(), version: PROTOCOL_VERSION };
}

/** Serializes a message to frames, signing header, parent, metadata and content. */
export function encode(
  signer: Signer,
  idents: readonly Uint8Array[],
  header: Header,
  parent: unknown,
  metadata: unknown,
  content: unknown,
  buffers: readonly Uint8Array[] = [],
): Buffer[] {
  const parts = [header, parent ?? {}, metadata ?? {}, content ?? {}].map((part) => Buffer.from(JSON.stringify(part), 'utf8'));
  return [
    ...idents.map((i) => Buffer.from(i.buffer, i.byteOffset, i.byteLength)),
    DELIMITER,
    Buffer.from(signer.sign(parts), 'utf8'),
    ...parts,
    ...buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)),
  ];
}
