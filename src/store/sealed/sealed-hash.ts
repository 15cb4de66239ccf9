import { createHash } from 'node:crypto';
import { openSealReader } from './seal-reader.js';
import type { SnapshotKey } from './snapshot-key.js';

/** The plaintext's SHA-256 and size, as `finish()` reported them when the file was sealed. */
export interface SealedContent {
  readonly sha256: string;
  readonly plainBytes: number;
}

/**
 * Decrypts a sealed file and hashes its plaintext, so a snapshot's content hash can be
 * checked without depending on the key or the compression (`snapshots verify`).
 */
export async function hashSealed(path: string, key: SnapshotKey, aad: string): Promise<SealedContent> {
  const hash = createHash('sha256');
  let plainBytes = 0;
  for await (const chunk of openSealReader(path, key, aad)) {
    hash.update(chunk);
    plainBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), plainBytes };
}
