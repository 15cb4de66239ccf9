import { BarePage } from '../layout.js';

/** The sign-in form. */
export function LoginPage(p: { token: string; problem?: string; email?: string }) {
  return (
    <BarePage title="Sign in to the test migration review">
      {p.problem ? <p class="problem" role="alert">{p.problem}</p> : null}
      <form method="post" action="/login">
        <input type="hidden" name="_csrf" value={p.token} />
        <div class="field"><label for="email">E-mail</label><input type="email" id="email" name="email" required autocomplete="username" value={p.email ?? ''} /></div>
        <div class="field"><label for="password">Password</label><input type="password" id="password" name="password" required autocomplete="current-password" /></div>
        <button type="submit">Sign in</button>
      </form>
    </BarePage>
  );
}
