import { readFile } from 'node:fs/promises';
import { CutoverError } from '../core/cutover-error.js';
import { parseProjectConfig, type ProjectConfig } from '../core/project-config.js';
import { parseSpecFiles, type Spec } from '../core/spec/index.js';
import type { ProjectLayout } from '../store/project-layout.js';
import { projectFilePath } from './project-file-path.js';

/** Reads and validates the project's `cutover.yaml`. */
export async function readProjectConfig(layout: ProjectLayout): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(layout.config, 'utf8');
  } catch (cause) {
    throw new CutoverError('not_a_project', `${layout.root} is not a Cutover project: it has no cutover.yaml. Run "cutover demo --project ${layout.root}" to make the sample project, or pass --project.`, { cause });
  }
  return parseProjectConfig(text, 'cutover.yaml');
}

/** A spec with the files it was read from, kept with each run so its protocol can be shown later. */
export interface ProjectSpec {
  readonly spec: Spec;
  readonly files: readonly { readonly file: string; readonly text: string }[];
}

/** Reads and validates the project's mapping spec, from one file or several. */
export async function readProjectSpec(layout: ProjectLayout, config: ProjectConfig): Promise<ProjectSpec> {
  const names = typeof config.spec === 'string' ? [config.spec] : config.spec;
  const files: { file: string; text: string }[] = [];
  for (const file of names) {
    try {
      files.push({ file, text: await readFile(await projectFilePath(layout.root, file, 'spec'), 'utf8') });
    } catch (cause) {
      if (cause instanceof CutoverError) throw cause;
      throw new CutoverError('spec_missing', `The spec ${file} named in cutover.yaml could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`, { cause });
    }
  }
  return { spec: parseSpecFiles(files), files };
}
