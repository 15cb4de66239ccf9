const hidden = '***';

// the scheme, with none to three slashes: `postgres:/user:pw@host` is mistyped but still a secret
const userInfo = /^([a-z][a-z0-9+.-]*:\/{0,3})([^:@/?#\s]*):([^\s]*?)@(?=[^@]*$)/i;
const setting = /(^|[?&;\s])([^=&;?#\s]+)=([^&;#\s]*)/g;
const secretKeys = new Set(['password', 'sslpassword', 'pass', 'pwd', 'passwd']);

function isSecret(key: string): boolean {
  let name = key;
  try {
    name = decodeURIComponent(key);
  } catch {
    // a malformed escape: judge the key as written
  }
  return secretKeys.has(name.toLowerCase());
}

/**
 * A database URL fit to store or print: the password after the user, and any password
 * setting (`password`, `sslpassword`, `pass`, `pwd`), replaced by `***`.
 * @example maskUrl('postgres://app:s3cret@db:5432/crm?sslpassword=x') // 'postgres://app:***@db:5432/crm?sslpassword=***'
 */
export function maskUrl(url: string): string {
  return url
    .replace(userInfo, (_all, scheme: string, user: string) => `${scheme}${user}:${hidden}@`)
    .replace(setting, (all, lead: string, key: string) => (isSecret(key) ? `${lead}${key}=${hidden}` : all));
}
