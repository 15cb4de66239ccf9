import { describe, expect, it } from 'vitest';
import { draftTable } from './contract-drafter.js';

describe('draftTable', () => {
  it('types a column of dates written with their time as datetime, with the formats seen', () => {
    const drafter = draftTable('orders', ['OrderID', 'Placed', 'Shipped', 'Day']);
    for (let i = 0; i < 40; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      drafter.add([`O${i}`, `2023-02-${day} 1${i % 10}:30:00`, `2023-03-${day} 00:00:00.000`, `2023-02-${day}`]);
    }
    expect(drafter.columns().map((c) => [c.name, c.settings])).toEqual([
      ['OrderID', { allow_blank: false }],
      ['Placed', { type: 'datetime', formats: ['yyyy-MM-dd HH:mm:ss'], allow_blank: false }],
      ['Shipped', { type: 'datetime', formats: ['yyyy-MM-dd HH:mm:ss.SSS'], allow_blank: false }],
      ['Day', { type: 'date', formats: ['yyyy-MM-dd'], allow_blank: false }],
    ]);
  });
});
