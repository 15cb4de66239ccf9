import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder and the function that removes it with everything inside. */
export interface TempDir {
  readonly path: string;
  cleanup(): void;
}

/** Makes a fresh folder under the system temp directory, named `<prefix>-XXXXXX`. */
export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
