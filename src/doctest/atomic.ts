// Rewriting a file the user keeps (--accept, --junit) must never leave it cut short: the new text is
// written to a temporary file beside it, flushed, and renamed over it, so a full disk or a file-size
// limit fails the write and leaves the original whole.
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export class WriteRefused extends Error {}

/**
 * Replaces `path` with `text` atomically, keeping its permission bits. A file that is read-only (no
 * owner write bit; even for root, who could write it anyway) is refused with WriteRefused.
 */
export function writeFileAtomic(path: string, text: string): void {
  let mode = 0o644;
  try {
    const stat = statSync(path);
    mode = stat.mode & 0o7777;
    if ((mode & 0o200) === 0) throw new WriteRefused(`${path} is read-only`);
  } catch (e) {
    if (e instanceof WriteRefused) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode);
  try {
    try {
      const data = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw e;
  }
}
