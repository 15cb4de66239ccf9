import * as crypto from 'node:crypto';

/**
 * The hex digest of `text` (as UTF-8) under `algorithm`, for hashing many short texts:
 * Node's one-shot hash (20.12 on) spares a hash object per text; older Node 20 makes one.
 */
export const hexDigest: (algorithm: 'md5' | 'sha256', text: string) => string = typeof crypto.hash === 'function'
  ? (algorithm, text) => crypto.hash(algorithm, text, 'hex')
  : (algorithm, text) => crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
