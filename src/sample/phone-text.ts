import type { Random } from './random.js';

const digits = (r: Random, count: number): string => {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(r.int(10));
  return text;
};

/** A UK phone number in one of the many ways people type them, or '' (about one in ten). */
export function phoneText(r: Random): string {
  const style = r.int(10);
  const mobile = `7${digits(r, 3)}`;
  const rest = digits(r, 6);
  switch (style) {
    case 0:
      return '';
    case 1:
    case 2:
      return `0${mobile} ${rest}`;
    case 3:
      return `+44 ${mobile} ${rest}`;
    case 4:
      return `0${mobile}${rest}`;
    case 5:
      return `(01632) ${rest}`;
    case 6:
      return `0117 ${rest.slice(0, 3)} ${rest.slice(3)}${digits(r, 1)}`;
    case 7:
      return `+44 (0)20 7946 ${rest.slice(0, 4)}`;
    default:
      return `0161-${rest.slice(0, 3)}-${rest.slice(3)}${digits(r, 1)}`;
  }
}
