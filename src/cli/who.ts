import { userInfo } from 'node:os';

/** The person a state change is recorded against: CUTOVER_USER, else the login name. */
export function actor(): string {
  return process.env['CUTOVER_USER'] ?? userInfo().username;
}

/** The wall clock; the core never reads it, the shells pass it in. */
export const clock = (): Date => new Date();
