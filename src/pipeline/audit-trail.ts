import { readAuditLog, verifyAuditLog, type AuditEvent } from '../store/audit-log.js';
import type { ProjectSession } from './project-session.js';

export type { AuditEvent } from '../store/audit-log.js';

/** The project's audit log, oldest first, and the first event where it was altered, if any. */
export async function readAuditTrail(session: ProjectSession): Promise<{ events: AuditEvent[]; broken: AuditEvent | undefined }> {
  const events = await readAuditLog((await session.store()).db);
  return { events, broken: verifyAuditLog(events) };
}
