import type { AppUser, ProjectSession } from '../pipeline/index.js';

/** What a route knows of the request once the user is signed in. */
export interface SignedInVariables {
  /** the signed-in user */
  readonly user: AppUser;
  /** the session's form token, put in every form */
  readonly csrf: string;
  /** the cookie's token, to sign out with */
  readonly token: string;
  /** the project, with every step recorded against the signed-in user */
  readonly project: ProjectSession;
}

/** The Hono environment of the review app. */
export interface WebEnv {
  Variables: SignedInVariables;
}
