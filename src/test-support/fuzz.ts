import fc from 'fast-check';
import { CutoverError } from '../core/cutover-error.js';
import { isErrorCode } from '../core/error-codes.js';

/**
 * How many inputs each fuzz target tries (CUTOVER_FUZZ_RUNS, 10,000 by default) and from
 * which seed (CUTOVER_FUZZ_SEED; fixed, so a failure is the same on every machine). A
 * failure prints its seed and the smallest input that still fails.
 */
export const fuzzRuns = Number(process.env['CUTOVER_FUZZ_RUNS'] ?? 10_000);
export const fuzzSeed = Number(process.env['CUTOVER_FUZZ_SEED'] ?? 20261202);

/** Memory a single input may make the process hold; a bomb that gets past a reader's bounds trips it. */
const maxRssBytes = 1536 * 1024 * 1024;

/**
 * Runs `read` on every input: it must finish (within `timeoutMs` when it awaits) with a
 * result or a CutoverError carrying a listed code, never another exception, a hang or a
 * balloon of memory.
 */
export async function fuzz<T>(inputs: fc.Arbitrary<T>, read: (input: T) => unknown, timeoutMs = 5_000): Promise<void> {
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        Promise.resolve().then(() => read(input)).then(() => 'read', (error: unknown) => error),
        new Promise((resolve) => { timer = setTimeout(() => resolve(new Error(`no answer within ${timeoutMs} ms: a hang`)), timeoutMs); }),
      ]);
      clearTimeout(timer);
      if (outcome !== 'read' && !(outcome instanceof CutoverError && isErrorCode(outcome.code))) throw outcome;
      const rss = process.memoryUsage().rss;
      if (rss > maxRssBytes) throw new Error(`the process holds ${Math.round(rss / 2 ** 20)} MB after this input`);
    }),
    { seed: fuzzSeed, numRuns: fuzzRuns },
  );
}

/** Text drawn mostly from the characters that matter to `alphabet`'s format, with any character now and then. */
export function textOf(alphabet: readonly string[], maxLength = 400): fc.Arbitrary<string> {
  const pick = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...alphabet) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) });
  return fc.array(pick, { maxLength }).map((parts) => parts.join(''));
}

/** `base` changed the ways a damaged or hostile file differs: bytes flipped, cut short, cut out, repeated, or random bytes. */
export function mutated(base: Uint8Array): fc.Arbitrary<Uint8Array> {
  const flips = fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }).map((changes) => {
    const copy = Uint8Array.from(base);
    for (const [at, xor] of changes) copy[at] = (copy[at] ?? 0) ^ xor;
    return copy;
  });
  const cut = fc.nat({ max: base.length }).map((end) => base.slice(0, end));
  const hole = fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 512 })).map(([at, size]) => Uint8Array.from([...base.slice(0, at), ...base.slice(at + size)]));
  const echo = fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 256 })).map(([at, size]) => Uint8Array.from([...base.slice(0, at + size), ...base.slice(at)]));
  const noise = fc.uint8Array({ maxLength: 2048 });
  return fc.oneof(flips, cut, hole, echo, noise);
}
