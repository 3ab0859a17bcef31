import { z } from 'zod';
import { coded } from './rules';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const time24Pattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date as councils print it, stored as YYYY-MM-DD (a London wall-clock date, no zone). */
export const IsoDate = z
  .string()
  .refine((v) => isoDatePattern.test(v), coded('date_format', 'Use the form YYYY-MM-DD'))
  .refine(isRealDate, coded('date_invalid', 'No such date'));

/** A 24-hour London wall-clock time, HH:MM. */
export const Time24 = z.string().refine((v) => time24Pattern.test(v), coded('time_format', 'Use the form HH:MM (24-hour)'));

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
