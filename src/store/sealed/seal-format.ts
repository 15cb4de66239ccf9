import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';

// Layout of a sealed file, format version 1 (integers big-endian):
//   header, 82 bytes:
//      0  12  magic "CUTOVER-SEAL"
//     12   1  format version (1)
//     13   1  compression (1 = deflate-raw, 2 = brotli)
//     14   4  chunk size: the most ciphertext bytes one frame holds
//     18   8  key id (first 8 bytes of HMAC-SHA-256(snapshot key, label))
//     26  32  salt, random per file; HKDF(snapshot key, salt) gives this file's keys
//     58  16  header MAC: HMAC-SHA-256(header key, bytes 0-57 + aad), first 16 bytes
//     74   8  checksum: SHA-256 of bytes 0-73, first 8 bytes (tells damage from a wrong key or name)
//   then frames, at least one, the last one flagged final:
//      4  ciphertext length n (every frame but the last holds exactly the chunk size)
//      n  AES-256-GCM ciphertext of the next n bytes of the compressed stream
//     16  GCM tag
//   frame i: nonce = 4 zero bytes + i as 8 bytes;
//            additional data = SHA-256(header + aad length (4) + aad) + i (8) + final flag (1)

/** The magic bytes every sealed file starts with. */
export const sealMagic = Buffer.from('CUTOVER-SEAL', 'latin1');

/** The format version this code writes and reads. */
export const sealVersion = 1;

/** Compression codes of version 1: deflate-raw, written until brotli at its fastest level sealed the same text about 1.6 times faster. */
export const compressionCodes = { 'deflate-raw': 1, brotli: 2 } as const;

/** A compression a sealed file may use. */
export type SealCodec = keyof typeof compressionCodes;

/** The codec a header's compression code names, or undefined for a code this version does not know. */
export function codecOf(code: number): SealCodec | undefined {
  return (Object.keys(compressionCodes) as SealCodec[]).find((codec) => compressionCodes[codec] === code);
}

/** Size of the whole header, of a frame's length field, and of a GCM tag. */
export const headerBytes = 82;
export const lengthBytes = 4;
export const tagBytes = 16;

/** The chunk size written unless a caller asks otherwise, and the range a reader accepts. */
export const defaultChunkBytes = 64 * 1024;
export const chunkLimits = { min: 16, max: 16 * 1024 * 1024 } as const;

const macInputBytes = 58;
const checkedBytes = 74;

/** The fields of a version 1 header, as read from a file. */
export interface SealHeader {
  readonly version: number;
  readonly compression: number;
  readonly chunkBytes: number;
  readonly keyId: string;
  readonly salt: Buffer;
}

/** Builds a version 1 header for a new file. */
export function encodeHeader(fields: Omit<SealHeader, 'version'>, headerKey: Buffer, aad: string): Buffer {
  const header = Buffer.alloc(headerBytes);
  sealMagic.copy(header, 0);
  header.writeUInt8(sealVersion, 12);
  header.writeUInt8(fields.compression, 13);
  header.writeUInt32BE(fields.chunkBytes, 14);
  Buffer.from(fields.keyId, 'hex').copy(header, 18);
  fields.salt.copy(header, 26);
  headerMac(header, headerKey, aad).copy(header, macInputBytes);
  headerChecksum(header).copy(header, checkedBytes);
  return header;
}

/** Reads the fields of a version 1 header, without checking anything. */
export function decodeHeader(header: Buffer): SealHeader {
  return {
    version: header.readUInt8(12),
    compression: header.readUInt8(13),
    chunkBytes: header.readUInt32BE(14),
    keyId: header.subarray(18, 26).toString('hex'),
    salt: Buffer.from(header.subarray(26, 58)),
  };
}

/** True when the header's unkeyed checksum matches: the header is as it was written, whoever wrote it. */
export function headerChecksumMatches(header: Buffer): boolean {
  return headerChecksum(header).equals(header.subarray(checkedBytes, headerBytes));
}

/** True when the header's MAC matches under this key and aad: the file was sealed for this name. */
export function headerMacMatches(header: Buffer, headerKey: Buffer, aad: string): boolean {
  return headerMac(header, headerKey, aad).equals(header.subarray(macInputBytes, checkedBytes));
}

/** What every frame's additional data starts with: the header and the aad, hashed once per file. */
export function fileContext(header: Buffer, aad: string): Buffer {
  const name = Buffer.from(aad, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return createHash('sha256').update(header).update(length).update(name).digest();
}

/** Encrypts one frame: length, ciphertext and tag, ready to write. */
export function sealFrame(chunkKey: Buffer, context: Buffer, index: number, final: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', chunkKey, frameNonce(index), { authTagLength: tagBytes });
  cipher.setAAD(frameAad(context, index, final));
  const length = Buffer.alloc(lengthBytes);
  length.writeUInt32BE(plain.length);
  const body = cipher.update(plain);
  const rest = cipher.final();
  return Buffer.concat([length, body, rest, cipher.getAuthTag()]);
}

/** Decrypts one frame's ciphertext and tag, or gives undefined when the tag does not verify. */
export function openFrame(chunkKey: Buffer, context: Buffer, index: number, final: boolean, ciphertext: Buffer, tag: Buffer): Buffer | undefined {
  const decipher = createDecipheriv('aes-256-gcm', chunkKey, frameNonce(index), { authTagLength: tagBytes });
  decipher.setAAD(frameAad(context, index, final));
  decipher.setAuthTag(tag);
  const plain = decipher.update(ciphertext);
  try {
    return Buffer.concat([plain, decipher.final()]);
  } catch {
    return undefined;
  }
}

function headerChecksum(header: Buffer): Buffer {
  return createHash('sha256').update(header.subarray(0, checkedBytes)).digest().subarray(0, 8);
}

function headerMac(header: Buffer, headerKey: Buffer, aad: string): Buffer {
  return createHmac('sha256', headerKey).update(header.subarray(0, macInputBytes)).update(aad, 'utf8').digest().subarray(0, 16);
}

function frameNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

function frameAad(context: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(context.length + 9);
  context.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), context.length);
  aad.writeUInt8(final ? 1 : 0, context.length + 8);
  return aad;
}
