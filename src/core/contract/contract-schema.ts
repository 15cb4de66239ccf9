import { z } from 'zod';
import { personalKinds } from '../profile/personal-data.js';
import { columnTypes, contractEncodings } from './contract-model.js';

// YAML reads 1, true and 2021 as such; an agreed value is text all the same
const valueText = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const name = z.string({ error: 'must be a name' }).min(1, { error: 'must not be empty' });
const oneOrMany = z.union([name.transform((one) => [one]), z.array(name).min(1, { error: 'must name at least one column' })]);

const columnSchema = z.strictObject({
  type: z.enum(columnTypes, { error: `is not a column type; use one of ${columnTypes.join(', ')}` }).default('text'),
  label: name.optional(),
  required: z.boolean({ error: 'must be true or false' }).default(true),
  allow_blank: z.boolean({ error: 'must be true or false' }).default(true),
  severity: z.enum(['error', 'warning'], { error: 'must be error or warning' }).default('error'),
  formats: z.array(name).min(1).optional(),
  currency: name.optional(),
  decimal_separator: z.string().length(1, { error: 'must be one character' }).optional(),
  thousands_separator: z.string().max(1, { error: 'must be one character, or "" for none' }).optional(),
  scale: z.number().int().min(0).max(20, { error: 'must be a whole number from 0 to 20' }).optional(),
  values: z.array(valueText).min(1, { error: 'must list at least one value' }).optional(),
  ignore_case: z.boolean({ error: 'must be true or false' }).default(false),
  pattern: name.optional(),
  example: valueText.optional(),
  max_length: z.number().int().positive({ error: 'must be a whole number above 0' }).optional(),
  personal: z.enum(personalKinds, { error: `is not a kind of personal data; use one of ${personalKinds.join(', ')}` }).optional(),
});

/** A column: a map of settings, or just its type (`Email: email`), or nothing for plain text. */
export const columnEntrySchema = z.preprocess((value) => (typeof value === 'string' ? { type: value } : (value ?? {})), columnSchema);

const referenceSchema = z.strictObject({
  column: name,
  file: name,
  key: name,
  when: z.strictObject({ column: name, equals: z.union([valueText.transform((one) => [one]), z.array(valueText).min(1)]) }).optional(),
});

const fileSchema = z.strictObject({
  label: name.optional(),
  encoding: z.enum(contractEncodings, { error: `must be one of ${contractEncodings.join(', ')}` }).optional(),
  column_order: z.enum(['fixed', 'any'], { error: 'must be fixed or any' }).default('any'),
  extra_columns: z.enum(['allowed', 'warning', 'error'], { error: 'must be allowed, warning or error' }).default('warning'),
  key: oneOrMany.optional(),
  columns: z.record(z.string(), columnEntrySchema).refine((columns) => Object.keys(columns).length > 0, { error: 'must name at least one column' }),
  references: z.array(referenceSchema).default([]),
});

/** The YAML of a delivery contract, before its names are checked against each other. */
export const contractSchema = z.strictObject({
  version: z.literal(1, { error: 'must be 1' }),
  encoding: z.enum(contractEncodings, { error: `must be one of ${contractEncodings.join(', ')}` }).default('utf-8'),
  files: z.record(z.string(), fileSchema).refine((files) => Object.keys(files).length > 0, { error: 'must name at least one file' }),
});

export type ContractYaml = z.infer<typeof contractSchema>;
export type ColumnYaml = z.infer<typeof columnSchema>;
