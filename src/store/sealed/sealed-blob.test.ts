import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../test-support/temp-dir.js';
import { createSealWriter, type SealSummary, type SealWriterOptions } from './seal-writer.js';
import { openSealReader } from './seal-reader.js';
import { hashSealed } from './sealed-hash.js';
import { snapshotKeyFrom, type SnapshotKey } from './snapshot-key.js';

const variable = 'CUTOVER_SNAPSHOT_KEY';
const key = snapshotKeyFrom({ [variable]: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' }, variable);
const otherKey = snapshotKeyFrom({ [variable]: 'ff'.repeat(32) }, variable);
const aad = 'snapshot 1f3a/people.csv';
const restore = 'Restore it from a backup or collect the source again.';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir('cutover-sealed');
});
afterEach(() => dir.cleanup());

/** Incompressible bytes that are the same on every run, so file layouts are fixed. */
function noise(bytes: number, seed = 0): Buffer {
  return createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16)).update(Buffer.alloc(bytes));
}

/** CSV-like text with multi-byte UTF-8 (2, 3 and 4 bytes a character). */
function csvText(rows: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i += 1) lines.push(`P${i},Zoë,Ødegård-${i % 97},zoe${i}@example.org,"£${i}.50",東京 ${i % 13},🏠\n`);
  return lines.join('');
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function seal(name: string, parts: readonly (Uint8Array | string)[], options: SealWriterOptions = {}, sealedFor = aad) {
  const path = join(dir.path, name);
  // the byte layouts these tests pin are those of deflate-raw; brotli has its own tests
  const writer = createSealWriter(path, key, sealedFor, { codec: 'deflate-raw', ...options });
  for (const part of parts) await writer.write(part);
  return { path, summary: await writer.finish() };
}

async function unseal(path: string, withKey: SnapshotKey = key, readAs = aad): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of openSealReader(path, withKey, readAs)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Reads until the reader throws; gives the error and every byte handed out before it. */
async function failure(path: string, withKey: SnapshotKey = key, readAs = aad) {
  const seen: Buffer[] = [];
  try {
    for await (const chunk of openSealReader(path, withKey, readAs)) seen.push(Buffer.from(chunk));
  } catch (error) {
    const { code, message, where } = error as { code: string; message: string; where: unknown };
    return { code, message, where, seen: Buffer.concat(seen) };
  }
  throw new Error(`expected reading ${path} to fail`);
}

function rewrite(path: string, change: (bytes: Buffer) => Buffer): void {
  writeFileSync(path, change(readFileSync(path)));
}

function flipped(bytes: Buffer, at: number, bit = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ bit;
  return copy;
}

// 5,000 noise bytes in 1,024-byte chunks deflate (stored) to 5,005 bytes: four full
// frames of 1,044 bytes from byte 82, then the final one of 929 bytes at 4,258.
const fiveFrames = { data: noise(5000), options: { chunkBytes: 1024 }, size: 5187 };
const frameStart = (chunk: number) => 82 + (chunk - 1) * 1044;

describe('sealed blobs in each codec', () => {
  it('seals with brotli unless told otherwise, names the codec in the header, and reads both back', async () => {
    const text = csvText(20_000);
    const plain = Buffer.concat([noise(200_000, 3), Buffer.from(text)]);
    const sealed: Record<string, { code: number; back: Buffer; summary: SealSummary }> = {};
    for (const codec of [undefined, 'brotli', 'deflate-raw'] as const) {
      const path = join(dir.path, `${codec ?? 'default'}.seal`);
      const writer = createSealWriter(path, key, aad, { chunkBytes: 4096, ...(codec ? { codec } : {}) });
      for (let at = 0; at < plain.length; at += 70_001) await writer.write(plain.subarray(at, at + 70_001));
      const summary = await writer.finish();
      sealed[codec ?? 'default'] = { code: readFileSync(path)[13]!, back: await unseal(path), summary };
    }
    expect(Object.values(sealed).map((s) => [s.code, s.back.equals(plain), s.summary.sha256, s.summary.plainBytes])).toEqual([
      [2, true, sha256(plain), plain.length],
      [2, true, sha256(plain), plain.length],
      [1, true, sha256(plain), plain.length],
    ]);
    // noise does not compress: the text does, by either codec
    expect(sealed['brotli']!.summary.sealedBytes).toBeLessThan(200_000 + text.length / 2);
    expect(sealed['deflate-raw']!.summary.sealedBytes).toBeLessThan(200_000 + text.length / 2);
  });
});

describe('sealed blobs round trip', () => {
  it('an empty blob, as a header and one empty final frame', async () => {
    const { path, summary } = await seal('empty.seal', []);
    expect(summary).toEqual({ plainBytes: 0, sealedBytes: 104, sha256: sha256(''), chunks: 1 });
    expect(readFileSync(path).subarray(0, 13).toString('latin1')).toBe('CUTOVER-SEAL\x01');
    expect(await unseal(path)).toEqual(Buffer.alloc(0));
  });

  it('one byte', async () => {
    const { path, summary } = await seal('one.seal', ['x']);
    expect(summary).toEqual({ plainBytes: 1, sealedBytes: 105, sha256: sha256('x'), chunks: 1 });
    expect(await unseal(path)).toEqual(Buffer.from('x'));
  });

  it('data that fills exactly one chunk, and one byte more that needs a second', async () => {
    // 1,019 noise bytes deflate to 1,024: one stored block with 5 bytes of framing
    const exact = await seal('exact.seal', [noise(1019)], { chunkBytes: 1024 });
    expect(exact.summary).toEqual({ plainBytes: 1019, sealedBytes: 82 + 4 + 1024 + 16, sha256: sha256(noise(1019)), chunks: 1 });
    expect(await unseal(exact.path)).toEqual(noise(1019));
    const over = await seal('over.seal', [noise(1020)], { chunkBytes: 1024 });
    expect(over.summary).toEqual({ plainBytes: 1020, sealedBytes: 82 + 2 * 20 + 1025, sha256: sha256(noise(1020)), chunks: 2 });
    expect(await unseal(over.path)).toEqual(noise(1020));
  });

  it('many chunks of random bytes and text, with the plaintext hash from finish() and hashSealed()', async () => {
    const text = csvText(40_000);
    const random = noise(3 * 1024 * 1024, 7);
    const plain = Buffer.concat([random, Buffer.from(text)]);
    const { path, summary } = await seal('many.seal', [random.subarray(0, 1_000_000), random.subarray(1_000_000), text]);
    expect(summary).toEqual({ plainBytes: plain.length, sealedBytes: readFileSync(path).length, sha256: sha256(plain), chunks: 55 });
    expect((await unseal(path)).equals(plain)).toBe(true);
    expect(await hashSealed(path, key, aad)).toEqual({ sha256: sha256(plain), plainBytes: plain.length });
  });

  it('multi-byte UTF-8 split anywhere: in many small writes, many frames and the reader’s chunks', async () => {
    // 65,536 is not a multiple of 3: the reader's first 64 KiB chunk ends inside a €
    const text = '€'.repeat(30_000) + csvText(4000);
    const pieces = text.match(/[^]{1,37}/gu) ?? [];
    const { path, summary } = await seal('utf8.seal', pieces, { chunkBytes: 100 });
    expect(summary.sha256).toBe(sha256(text));
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let back = '';
    let splitCharacters = 0;
    for await (const chunk of openSealReader(path, key, aad)) {
      // a chunk starting with a continuation byte continues a character from the one before
      if (back !== '' && ((chunk[0] ?? 0) & 0xc0) === 0x80) splitCharacters += 1;
      back += decoder.decode(chunk, { stream: true });
    }
    expect(back + decoder.decode()).toBe(text);
    expect(splitCharacters).toBeGreaterThan(0);
  });

  it('the same plaintext hashes the same whatever the key, the chunking or the writes', async () => {
    const text = csvText(500);
    const one = await seal('one.seal', [text]);
    const path = join(dir.path, 'two.seal');
    const writer = createSealWriter(path, otherKey, 'elsewhere', { chunkBytes: 64 });
    for (const line of text.split(/(?<=\n)/)) await writer.write(Buffer.from(line));
    const two = await writer.finish();
    expect(two.sha256).toBe(one.summary.sha256);
    expect(await hashSealed(path, otherKey, 'elsewhere')).toEqual({ sha256: one.summary.sha256, plainBytes: one.summary.plainBytes });
  });

  it('takes a copy of what it is given, so the caller may reuse its buffer', async () => {
    const path = join(dir.path, 'reuse.seal');
    const writer = createSealWriter(path, key, aad);
    const buffer = Buffer.alloc(4);
    for (const word of ['abcd', 'efgh', 'ijkl']) {
      buffer.write(word);
      await writer.write(buffer);
    }
    expect((await writer.finish()).sha256).toBe(sha256('abcdefghijkl'));
    expect((await unseal(path)).toString()).toBe('abcdefghijkl');
  });
});

describe('sealed blobs refuse what was changed', () => {
  it('fixes the layout these tests rely on', async () => {
    const { path, summary } = await seal('five.seal', [fiveFrames.data], fiveFrames.options);
    expect(summary).toMatchObject({ sealedBytes: fiveFrames.size, chunks: 5 });
    const bytes = readFileSync(path);
    expect([1, 2, 3, 4, 5].map((chunk) => bytes.readUInt32BE(frameStart(chunk)))).toEqual([1024, 1024, 1024, 1024, 909]);
  });

  it('any flipped byte, wherever it is, and hands out only a true prefix before failing', async () => {
    const data = noise(40);
    const { path } = await seal('small.seal', [data], { chunkBytes: 16 });
    const original = readFileSync(path);
    const codes: string[] = [];
    for (let at = 0; at < original.length; at += 1) {
      writeFileSync(path, flipped(original, at));
      const { code, seen } = await failure(path);
      expect(data.subarray(0, seen.length).equals(seen)).toBe(true);
      codes.push(code);
    }
    // runs of [first byte, last byte, code]
    const runs: [number, number, string][] = [];
    codes.forEach((code, at) => {
      const last = runs.at(-1);
      if (last && last[2] === code) last[1] = at;
      else runs.push([at, at, code]);
    });
    expect(runs).toEqual([
      [0, 12, 'snapshot_unreadable'],
      [13, 186, 'snapshot_tampered'],
    ]);
  });

  it('names what was changed: header, key id, a middle frame, its tag, its length, the last frame', async () => {
    const { path } = await seal('five.seal', [fiveFrames.data], fiveFrames.options);
    const original = readFileSync(path);
    const damagedHeader = `${path} is damaged or was altered: its header (bytes 0-81) does not match its checksum. ${restore}`;
    const cases: [number, string, string][] = [
      [0, 'snapshot_unreadable', `${path} is not a readable sealed snapshot: it does not start with CUTOVER-SEAL. Check the path; if the file was replaced, collect the source again.`],
      [12, 'snapshot_unreadable', `${path} is a sealed snapshot with format version 0, which this version of Cutover cannot read: it was written by a newer Cutover, or is damaged. Read it with the Cutover that collected it, or collect the source again.`],
      [20, 'snapshot_tampered', damagedHeader],
      [40, 'snapshot_tampered', damagedHeader],
      [70, 'snapshot_tampered', damagedHeader],
      [80, 'snapshot_tampered', damagedHeader],
      [frameStart(3) + 500, 'snapshot_tampered', `${path} is damaged or was altered: chunk 3 (bytes 2,170-3,213) fails its integrity check. ${restore}`],
      [frameStart(4) - 1, 'snapshot_tampered', `${path} is damaged or was altered: chunk 3 (bytes 2,170-3,213) fails its integrity check. ${restore}`],
      [frameStart(3) + 3, 'snapshot_tampered', `${path} is damaged or was altered: chunk 3 at byte 2,170 claims 1,025 bytes, more than the 1,024 a chunk holds. ${restore}`],
      [frameStart(5) + 100, 'snapshot_tampered', `${path} is damaged or was altered: chunk 5 (bytes 4,258-5,186) fails its integrity check. ${restore}`],
      [fiveFrames.size - 1, 'snapshot_tampered', `${path} is damaged or was altered: chunk 5 (bytes 4,258-5,186) fails its integrity check. ${restore}`],
    ];
    for (const [at, code, message] of cases) {
      writeFileSync(path, flipped(original, at));
      expect({ at, ...(await failure(path)), seen: undefined }).toEqual({ at, code, message, where: { file: path }, seen: undefined });
    }
  });

  it('frames swapped, dropped, taken from another file, or bytes added after the end', async () => {
    const { path } = await seal('five.seal', [fiveFrames.data], fiveFrames.options);
    const twin = await seal('twin.seal', [fiveFrames.data], fiveFrames.options);
    const original = readFileSync(path);
    const frame = (chunk: number, from = original) => from.subarray(frameStart(chunk), frameStart(chunk + 1));
    const chunk2 = `${path} is damaged or was altered: chunk 2 (bytes 1,126-2,169) fails its integrity check. ${restore}`;
    const changes: [string, Buffer, string, string][] = [
      ['swapped', Buffer.concat([frame(1), frame(3), frame(2), original.subarray(frameStart(4))]), 'snapshot_tampered', chunk2],
      ['dropped', Buffer.concat([frame(1), original.subarray(frameStart(3))]), 'snapshot_tampered', chunk2],
      ['from its twin', Buffer.concat([frame(1), frame(2, readFileSync(twin.path)), original.subarray(frameStart(3))]), 'snapshot_tampered', chunk2],
      ['appended', Buffer.concat([original.subarray(82), Buffer.from('1234567')]), 'snapshot_tampered', `${path} is damaged or was altered: 7 bytes follow its last chunk (from byte 5,187). ${restore}`],
      ['last repeated', Buffer.concat([original.subarray(82), original.subarray(frameStart(5))]), 'snapshot_tampered', `${path} is damaged or was altered: 929 bytes follow its last chunk (from byte 5,187). ${restore}`],
    ];
    for (const [change, frames, code, message] of changes) {
      writeFileSync(path, Buffer.concat([original.subarray(0, 82), frames]));
      const { seen, ...error } = await failure(path);
      expect({ change, ...error }).toEqual({ change, code, message, where: { file: path } });
      expect(fiveFrames.data.subarray(0, seen.length).equals(seen)).toBe(true);
    }
  });

  it('a file cut short, at a frame boundary, inside a frame or inside the header, never reads to its end', async () => {
    const { path } = await seal('five.seal', [fiveFrames.data], fiveFrames.options);
    const original = readFileSync(path);
    const cuts: [number, string][] = [
      [0, 'ends inside its header (at byte 0 of 82)'],
      [40, 'ends inside its header (at byte 40 of 82)'],
      [82, 'ends after its header, before its first chunk (at byte 82)'],
      [frameStart(3), 'ends after chunk 2 (at byte 2,170) without its last chunk'],
      [frameStart(5), 'ends after chunk 4 (at byte 4,258) without its last chunk'],
      [frameStart(3) + 2, 'ends inside chunk 3 (at byte 2,172)'],
      [frameStart(3) + 500, 'ends inside chunk 3 (at byte 2,670, 544 bytes short)'],
      [fiveFrames.size - 1, 'ends inside chunk 5 (at byte 5,186, 1 bytes short)'],
    ];
    for (const [size, where] of cuts) {
      writeFileSync(path, original.subarray(0, size));
      const { seen, ...error } = await failure(path);
      expect({ size, ...error }).toEqual({
        size,
        code: 'snapshot_truncated',
        message: `${path} is incomplete: it ${where}, so it was cut short while being written or copied. ${restore}`,
        where: { file: path },
      });
      expect(seen.length).toBeLessThan(fiveFrames.data.length);
      expect(fiveFrames.data.subarray(0, seen.length).equals(seen)).toBe(true);
    }
  });

  it('a big file cut at a frame boundary throws rather than end early', async () => {
    const text = Buffer.from(csvText(30_000));
    const { path } = await seal('big.seal', [text]);
    rewrite(path, (bytes) => bytes.subarray(0, 82 + 2 * (4 + 65536 + 16)));
    const { code, seen } = await failure(path);
    expect(code).toBe('snapshot_truncated');
    expect(seen.length).toBeGreaterThan(0);
    expect(text.subarray(0, seen.length).equals(seen)).toBe(true);
  });
});

describe('sealed blobs opened wrongly', () => {
  it('with another key, naming both key ids', async () => {
    const { path } = await seal('people.seal', ['id\n1\n']);
    expect(await failure(path, otherKey)).toEqual({
      code: 'snapshot_key_wrong',
      message: `${path} was sealed with another key (key id 49aa3287731db60b); this key's id is 3256cd3bc66a15c2. Set CUTOVER_SNAPSHOT_KEY to the key used when it was collected.`,
      where: { file: path },
      seen: Buffer.alloc(0),
    });
  });

  it('under another name: moved from another snapshot or table', async () => {
    const { path } = await seal('people.seal', ['id\n1\n']);
    expect(await failure(path, key, 'snapshot 1f3a/orders.csv')).toEqual({
      code: 'snapshot_tampered',
      message: `${path} was sealed for another snapshot or table than "snapshot 1f3a/orders.csv": it was moved, copied or renamed. Put back the file that belongs here, or collect the source again.`,
      where: { file: path },
      seen: Buffer.alloc(0),
    });
  });

  it('when it is not a sealed file, or not there', async () => {
    const csv = join(dir.path, 'people.csv');
    writeFileSync(csv, 'id,name\n1,Ann\n');
    const missing = join(dir.path, 'nothing.seal');
    expect(await failure(csv)).toEqual({
      code: 'snapshot_unreadable',
      message: `${csv} is not a readable sealed snapshot: it does not start with CUTOVER-SEAL. Check the path; if the file was replaced, collect the source again.`,
      where: { file: csv },
      seen: Buffer.alloc(0),
    });
    expect(await failure(missing)).toEqual({
      code: 'snapshot_unreadable',
      message: `${missing} is not a readable sealed snapshot: it cannot be opened (ENOENT: no such file or directory, open '${missing}'). Check the path; if the file was replaced, collect the source again.`,
      where: { file: missing },
      seen: Buffer.alloc(0),
    });
  });
});

describe('the seal writer', () => {
  it('leaves no file when aborted, before or after writing', async () => {
    const early = createSealWriter(join(dir.path, 'early.seal'), key, aad);
    await early.abort();
    const late = createSealWriter(join(dir.path, 'late.seal'), key, aad);
    await late.write(noise(1_000_000));
    await late.write(csvText(1000));
    await late.abort();
    await late.abort();
    expect(readdirSync(dir.path)).toEqual([]);
    await expect(late.write('more')).rejects.toThrow(`The seal writer for ${join(dir.path, 'late.seal')} was aborted; it takes no more data.`);
  });

  it('keeps the order of writes not awaited one by one, and finishes after them', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? noise(100_000, i) : Buffer.from(csvText(200 + i))));
    const path = join(dir.path, 'eager.seal');
    const writer = createSealWriter(path, key, aad);
    const writes = parts.map((part) => writer.write(part));
    const summary = await writer.finish();
    await Promise.all(writes);
    const plain = Buffer.concat(parts);
    expect(summary).toMatchObject({ plainBytes: plain.length, sha256: sha256(plain) });
    expect((await unseal(path)).equals(plain)).toBe(true);
  });

  it('turns away writes still waiting when aborted', async () => {
    const path = join(dir.path, 'waiting.seal');
    const writer = createSealWriter(path, key, aad);
    const writes = Array.from({ length: 20 }, (_, i) => writer.write(noise(500_000, i)).then(() => 'written', (e: Error) => e.message));
    await writer.abort();
    const outcomes = new Set(await Promise.all(writes));
    expect(outcomes.has(`The seal writer for ${path} was aborted; it takes no more data.`)).toBe(true);
    expect([...outcomes].filter((o) => o !== 'written' && !o.includes('was aborted'))).toEqual([]);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('keeps the file when abort comes after finish', async () => {
    const path = join(dir.path, 'kept.seal');
    const writer = createSealWriter(path, key, aad);
    await writer.write('kept');
    await writer.finish();
    await writer.abort();
    expect((await unseal(path)).toString()).toBe('kept');
  });

  it('shows the file under its name only once finished', async () => {
    const path = join(dir.path, 'slow.seal');
    const writer = createSealWriter(path, key, aad);
    await writer.write(noise(200_000));
    expect(existsSync(path)).toBe(false);
    await writer.finish();
    expect(readdirSync(dir.path)).toEqual(['slow.seal']);
  });

  it('never overwrites a sealed file', async () => {
    const { path } = await seal('people.seal', ['first']);
    const writer = createSealWriter(path, key, aad);
    await writer.write('second');
    const error = await writer.finish().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'snapshot_exists',
      message: `The sealed snapshot file ${path} already exists and a snapshot file is never overwritten. Remove it first if it is really not needed, or seal under another name.`,
      where: { file: path },
    });
    expect(readdirSync(dir.path)).toEqual(['people.seal']);
    expect((await unseal(path)).toString()).toBe('first');
  });

  it('says why it could not write', async () => {
    const path = join(dir.path, 'no-such-folder', 'people.seal');
    const writer = createSealWriter(path, key, aad);
    const error = await (async () => {
      await writer.write('id\n1\n');
      await writer.finish();
    })().then(
      () => ({ code: 'none', message: 'it was written' }),
      (e: unknown) => e as { code: string; message: string },
    );
    // the temporary name ends in random hex
    expect({ code: error.code, message: error.message.replace(/\.[0-9a-f]{12}\.partial/, '.XXXX.partial') }).toEqual({
      code: 'snapshot_write_failed',
      message: `Could not write the sealed snapshot file ${path} (ENOENT: no such file or directory, open '${join(dir.path, 'no-such-folder', '.people.seal.XXXX.partial')}'). Check that its folder exists, is writable and has free space, then collect again.`,
    });
  });
});
