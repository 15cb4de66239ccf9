// the smallest unit people count money in, per ISO 4217 code; customers outside the UK are not told about pennies
const smallestUnit: Readonly<Record<string, string>> = {
  GBP: 'penny', USD: 'cent', EUR: 'cent', CAD: 'cent', AUD: 'cent', NZD: 'cent', ZAR: 'cent', HKD: 'cent', SGD: 'cent',
  CHF: 'centime', SEK: 'öre', NOK: 'øre', DKK: 'øre', PLN: 'grosz', CZK: 'haléř', INR: 'paisa', JPY: 'yen',
};

/** The currency a project counts in when cutover.yaml names none. */
export const defaultCurrency = 'GBP';

/**
 * How exact money is, in words for the project's currency.
 * @example exactlyInWords('USD') // 'to the cent'
 */
export function exactlyInWords(currency: string | undefined): string {
  const unit = smallestUnit[currency ?? defaultCurrency];
  return unit === undefined ? 'to the smallest unit of the currency' : `to the ${unit}`;
}
