import type { AddedUser, AppUser } from '../../pipeline/index.js';
import { CsrfField } from '../layout.js';

/** Users (the team only): who may sign in, and a form to add one. */
export function UsersPage(p: { users: readonly AppUser[]; csrf: string; added?: AddedUser; problem?: string; self: string }) {
  return (
    <>
      <p class="guide">Add the customer's reviewers (they enter figures and raise queries) and approvers (they sign off). Each gets a password shown once: hand it over safely.</p>
      {p.added ? (
        <p class="notice" role="status">
          Added {p.added.user.email} as {p.added.user.role}. Their password, shown this once: <code id="new-password">{p.added.password}</code>
        </p>
      ) : null}
      {p.problem ? <p class="problem" role="alert">{p.problem}</p> : null}
      <form method="post" action="/users">
        <CsrfField token={p.csrf} />
        <div class="field"><label for="email">E-mail</label><input type="email" id="email" name="email" required autocomplete="off" /></div>
        <div class="field">
          <label for="role">Role</label>
          <select id="role" name="role"><option value="reviewer">reviewer</option><option value="approver">approver</option><option value="team">team</option></select>
        </div>
        <button type="submit">Add user</button>
      </form>
      <h2>Users</h2>
      <div class="table-wrap">
        <table>
          <thead><tr><th scope="col">E-mail</th><th scope="col">Role</th><th scope="col">Added</th><th scope="col">By</th><th scope="col">Remove</th></tr></thead>
          <tbody>
            {p.users.map((u) => (
              <tr>
                <td>{u.email}</td><td>{u.role}</td><td>{u.addedAt}</td><td>{u.addedBy}</td>
                <td>
                  {u.email === p.self ? <span class="muted">you</span> : (
                    <form method="post" action="/users/remove" class="inline">
                      <CsrfField token={p.csrf} />
                      <input type="hidden" name="email" value={u.email} />
                      <button type="submit" class="secondary" aria-label={`Remove ${u.email}`}>Remove</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
