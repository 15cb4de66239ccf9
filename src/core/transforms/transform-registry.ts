import { addressLineTransform } from './address-line-transform.js';
import { collapseSpacesTransform } from './collapse-spaces-transform.js';
import { concatTransform } from './concat-transform.js';
import { constantTransform } from './constant-transform.js';
import { dateTransform } from './date-transform.js';
import { datetimeTransform } from './datetime-transform.js';
import { defaultTransform } from './default-transform.js';
import { emailTransform } from './email-transform.js';
import { lookupTransform } from './lookup-transform.js';
import { lowerTransform } from './lower-transform.js';
import { mapTransform } from './map-transform.js';
import { moneyTransform } from './money-transform.js';
import { padTransform } from './pad-transform.js';
import { replaceTransform } from './replace-transform.js';
import { splitNameTransform } from './split-name-transform.js';
import { timeTransform } from './time-transform.js';
import { titleCaseTransform } from './title-case-transform.js';
import type { Transform } from './transform.js';
import { trimTransform } from './trim-transform.js';
import { truncateTransform } from './truncate-transform.js';
import { ukPhoneTransform } from './uk-phone-transform.js';
import { ukPostcodeTransform } from './uk-postcode-transform.js';
import { upperTransform } from './upper-transform.js';

// the order here is the order people see them listed in
const TRANSFORMS: readonly Transform[] = [
  trimTransform,
  upperTransform,
  lowerTransform,
  titleCaseTransform,
  collapseSpacesTransform,
  replaceTransform,
  padTransform,
  truncateTransform,
  splitNameTransform,
  addressLineTransform,
  concatTransform,
  dateTransform,
  timeTransform,
  datetimeTransform,
  moneyTransform,
  emailTransform,
  ukPostcodeTransform,
  ukPhoneTransform,
  mapTransform,
  lookupTransform,
  defaultTransform,
  constantTransform,
];

/** Every transform a spec may name, by name. */
export const transformRegistry: ReadonlyMap<string, Transform> = new Map(
  TRANSFORMS.map((transform) => [transform.name, transform]),
);

/** The transforms in the order `cutover transforms` lists them. */
export function listTransforms(): readonly Transform[] {
  return [...transformRegistry.values()];
}
