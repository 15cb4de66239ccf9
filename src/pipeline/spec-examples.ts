import { runSpecExamples, type SpecExampleResult } from '../core/mapping/index.js';
import { readProjectSpec } from './project-files.js';
import type { ProjectSession } from './project-session.js';

/** Runs every example written in the project's spec, like unit tests for its rules. */
export async function testSpecExamples(session: ProjectSession): Promise<SpecExampleResult[]> {
  const { spec } = await readProjectSpec(session.layout, await session.config());
  return runSpecExamples(spec);
}
