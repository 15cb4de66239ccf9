/** Quotes an identifier for MariaDB/MySQL: `people` -> `` `people` ``, `` a`b `` -> `` `a``b` ``. */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
