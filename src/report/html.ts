/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Formats a count the way people read it: 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** Formats an exact decimal amount with thousands separators, keeping every digit: -1,234.50. */
export function formatMoney(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** How a table was read, in words: `csv, windows-1252, delimiter ";", with BOM`. */
export function describeReadAs(details: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === 'bom') {
      if (value === 'true') parts.push('with BOM');
    } else if (key === 'delimiter') {
      parts.push(`delimiter ${value === '\t' ? 'tab' : JSON.stringify(value)}`);
    } else if (key === 'format' || key === 'encoding' || key === 'database') {
      parts.push(value);
    } else {
      parts.push(`${key} ${value}`);
    }
  }
  return parts.join(', ');
}
