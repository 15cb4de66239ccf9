import { CutoverError } from '../../core/cutover-error.js';

// Wording of the errors a sealed file can give when read; codes are stable, words may change.

const restore = 'Restore it from a backup or collect the source again.';

/** Formats a byte count or offset for people: 65,618. */
export function at(offset: number): string {
  return offset.toLocaleString('en-GB');
}

/** The file cannot be opened, or is not a sealed file at all. */
export function notSealed(path: string, reason: string, cause?: unknown): CutoverError {
  return new CutoverError('snapshot_unreadable', `${path} is not a readable sealed snapshot: ${reason}. Check the path; if the file was replaced, collect the source again.`, { where: { file: path }, cause });
}

/** The file is a sealed file of a kind this version cannot read. */
export function unsupported(path: string, what: string): CutoverError {
  return new CutoverError('snapshot_unreadable', `${path} is a sealed snapshot with ${what}, which this version of Cutover cannot read: it was written by a newer Cutover, or is damaged. Read it with the Cutover that collected it, or collect the source again.`, { where: { file: path } });
}

/** The file was sealed with another key than the one given. */
export function wrongKey(path: string, fileKeyId: string, keyId: string, variable: string): CutoverError {
  return new CutoverError('snapshot_key_wrong', `${path} was sealed with another key (key id ${fileKeyId}); this key's id is ${keyId}. Set ${variable} to the key used when it was collected.`, { where: { file: path } });
}

/** The header no longer matches its own checksum. */
export function headerDamaged(path: string, headerBytes: number): CutoverError {
  return new CutoverError('snapshot_tampered', `${path} is damaged or was altered: its header (bytes 0-${headerBytes - 1}) does not match its checksum. ${restore}`, { where: { file: path } });
}

/** The file was sealed under another name (snapshot or table) than the one it is read as. */
export function misplaced(path: string, aad: string): CutoverError {
  return new CutoverError('snapshot_tampered', `${path} was sealed for another snapshot or table than "${aad}": it was moved, copied or renamed. Put back the file that belongs here, or collect the source again.`, { where: { file: path } });
}

/** A frame does not verify: changed, reordered or swapped in from elsewhere. */
export function chunkDamaged(path: string, chunk: number, start: number, end: number): CutoverError {
  return new CutoverError('snapshot_tampered', `${path} is damaged or was altered: chunk ${chunk} (bytes ${at(start)}-${at(end - 1)}) fails its integrity check. ${restore}`, { where: { file: path } });
}

/** A frame claims to be longer than a chunk can be. */
export function chunkTooLong(path: string, chunk: number, start: number, length: number, limit: number): CutoverError {
  return new CutoverError('snapshot_tampered', `${path} is damaged or was altered: chunk ${chunk} at byte ${at(start)} claims ${at(length)} bytes, more than the ${at(limit)} a chunk holds. ${restore}`, { where: { file: path } });
}

/** Bytes follow the frame flagged as the last. */
export function trailingBytes(path: string, from: number, size: number): CutoverError {
  return new CutoverError('snapshot_tampered', `${path} is damaged or was altered: ${at(size - from)} bytes follow its last chunk (from byte ${at(from)}). ${restore}`, { where: { file: path } });
}

/** The file ends before its last chunk; `where` says where it stops. */
export function truncated(path: string, where: string): CutoverError {
  return new CutoverError('snapshot_truncated', `${path} is incomplete: it ${where}, so it was cut short while being written or copied. ${restore}`, { where: { file: path } });
}

/** Verified content that does not inflate: written wrongly, not changed since. */
export function notInflatable(path: string, cause: unknown): CutoverError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CutoverError('snapshot_unreadable', `${path} passed its integrity checks but its content does not decompress (${reason}). Collect the source again.`, { where: { file: path }, cause });
}
