function maskWord(word: string): string {
  return word.length <= 1 ? word : word[0] + '*'.repeat(word.length - 1);
}

/**
 * Masks a personal value, keeping each word's first character and the shape:
 * `John Smith` → `J*** S****`, `john@example.com` → `j***@e******.com`.
 */
export function maskValue(value: string): string {
  // surrounding spaces stay as they are, so the first kept character is a real one
  const core = value.trim();
  if (core !== value && core !== '') {
    const start = value.indexOf(core);
    return value.slice(0, start) + maskValue(core) + value.slice(start + core.length);
  }
  const at = value.lastIndexOf('@');
  // an address alone keeps its shape; one among other words is masked word by word
  if (at > 0 && !/\s/.test(value)) {
    const domain = value.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const host = dot > 0 ? domain.slice(0, dot) : domain;
    return `${maskWord(value.slice(0, at))}@${host.replace(/[^.]+/g, maskWord)}${dot > 0 ? domain.slice(dot) : ''}`;
  }
  return value.replace(/[\p{L}\p{N}]+/gu, maskWord);
}
