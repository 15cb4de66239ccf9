import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CutoverError } from '../core/cutover-error.js';
import { parseProjectConfig, type ProjectConfig } from '../core/project-config.js';
import { parseSpec, type Spec } from '../core/spec/index.js';
import type { ProjectLayout } from '../store/project-layout.js';

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

/** Reads and validates the project's mapping spec. */
export async function readProjectSpec(layout: ProjectLayout, config: ProjectConfig): Promise<ProjectSpec> {
  let text: string;
  try {
    text = await readFile(join(layout.root, config.spec), 'utf8');
  } catch (cause) {
    throw new CutoverError('spec_missing', `The spec ${config.spec} named in cutover.yaml could not be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`, { cause });
  }
  return { spec: parseSpec(text, config.spec), files: [{ file: config.spec, text }] };
}
