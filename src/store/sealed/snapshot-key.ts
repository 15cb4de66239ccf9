import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CutoverError } from '../../core/cutover-error.js';

const keyBytes = 32;
const idLabel = 'cutover snapshot key id v1';
// the audit chain's key has its own label: it is never the key of a sealed file
const auditLabel = 'cutover audit chain v1';
const hexKey = /^[0-9a-fA-F]{64}$/;
const base64Key = /^[A-Za-z0-9+/]{43}=$/;

/** The two keys one sealed file uses, derived from the snapshot key and the file's salt. */
export interface FileKeys {
  readonly chunkKey: Buffer;
  readonly headerKey: Buffer;
}

/**
 * The key that seals snapshots. The bytes stay private (never in JSON, logs or
 * messages); `id` names the key so a file sealed with another key is told apart from
 * a damaged one, and `variable` is where it came from, for messages.
 */
export class SnapshotKey {
  readonly id: string;
  readonly variable: string;
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array, variable: string) {
    if (bytes.length !== keyBytes) throw new RangeError(`A snapshot key is ${keyBytes} bytes, not ${bytes.length}.`);
    this.#bytes = Buffer.from(bytes);
    this.variable = variable;
    this.id = createHmac('sha256', this.#bytes).update(idLabel).digest('hex').slice(0, 16);
  }

  /** The key to hand to a worker thread of this process, which makes its own SnapshotKey from it. */
  forThread(): { bytes: Uint8Array; variable: string } {
    return { bytes: new Uint8Array(this.#bytes), variable: this.variable };
  }

  /** HMAC-SHA-256 of `text` under the audit chain's key (HKDF of this key with its own label; never stored), as hex. */
  auditMac(text: string): string {
    const auditKey = Buffer.from(hkdfSync('sha256', this.#bytes, Buffer.alloc(0), auditLabel, keyBytes));
    return createHmac('sha256', auditKey).update(text, 'utf8').digest('hex');
  }

  /** The keys for one file: a fresh salt per file means a fresh key per file, so chunk counters never repeat a nonce under a key. */
  fileKeys(salt: Uint8Array): FileKeys {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', this.#bytes, salt, info, keyBytes));
    return { chunkKey: derive('cutover seal v1 chunks'), headerKey: derive('cutover seal v1 header') };
  }
}

/**
 * Reads the snapshot key from the environment variable `variable`: 32 bytes written as
 * 64 hex characters or 44 base64 characters.
 * @example const key = snapshotKeyFrom(process.env, 'CUTOVER_SNAPSHOT_KEY')
 */
export function snapshotKeyFrom(env: NodeJS.ProcessEnv, variable: string): SnapshotKey {
  // a trailing newline from `$(cat keyfile)` or a secrets file is not part of the key
  const text = (env[variable] ?? '').trim();
  if (text === '') {
    throw new CutoverError(
      'key_missing',
      `The snapshot key variable ${variable} is not set. Set it to 32 random bytes, e.g. ${variable}=$(openssl rand -hex 32), and keep it somewhere safe: without it the snapshots cannot be read.`,
      { where: { field: variable } },
    );
  }
  if (hexKey.test(text)) return new SnapshotKey(Buffer.from(text, 'hex'), variable);
  if (base64Key.test(text)) return new SnapshotKey(Buffer.from(text, 'base64'), variable);
  // never echo the value: it may be a real key with a typo
  throw new CutoverError(
    'key_invalid',
    `The snapshot key variable ${variable} does not hold a key: expected 32 bytes written as 64 hex characters or 44 base64 characters, found ${text.length} characters that are neither. Set it to the key used when the snapshots were collected; a new key is made with: openssl rand -hex 32`,
    { where: { field: variable } },
  );
}

/** A new random snapshot key, as 64 hex characters to put in the key variable. */
export function generateSnapshotKey(): string {
  return randomBytes(keyBytes).toString('hex');
}
