import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/**
 * The path of a file cutover.yaml names under `entry`, refused unless it lies inside the
 * project folder once symbolic links are followed; a file not there yet is judged by its name.
 * @example await projectFilePath('/p', 'specs/a.yaml', 'spec') // '/p/specs/a.yaml'
 */
export async function projectFilePath(root: string, file: string, entry: string): Promise<string> {
  const path = resolve(root, file);
  const realRoot = await realpath(root).catch(() => resolve(root));
  const real = await realpath(path).catch(() => undefined);
  const ok = real === undefined ? inside(resolve(root), path) : inside(realRoot, real);
  if (!ok) {
    // the file's content is never read, so nothing of it can be shown
    throw new CutoverError('outside_project', `The file ${file} under "${entry}" in cutover.yaml is outside the project folder ${root}${real !== undefined && real !== path ? ` (it leads to ${real})` : ''}. Keep the project's files inside its folder, or copy the file in.`, { where: { file: join(root, 'cutover.yaml') } });
  }
  return path;
}
