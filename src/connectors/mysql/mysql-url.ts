/** Where a mysql:// URL points, without user or password: "MariaDB/MySQL at host:port". */
export function describeMysqlUrl(url: string): string {
  try {
    const u = new URL(url);
    return `MariaDB/MySQL at ${u.hostname}:${u.port || '3306'}`;
  } catch {
    return 'MariaDB/MySQL (the URL could not be read)';
  }
}
