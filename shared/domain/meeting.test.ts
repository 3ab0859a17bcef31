import { describe, expect, it } from 'vitest';
import { issuesFromZod } from '../result';
import { NewMeeting } from './meeting';

const valid = { title: 'Budget Scrutiny', committee: 'Panel', date: '2022-01-17', startTime: '10:00', venue: 'County Hall' };
const codes = (input: unknown) => {
  const parsed = NewMeeting.safeParse(input);
  return parsed.success ? [] : issuesFromZod(parsed.error).map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('NewMeeting', () => {
  it('accepts a valid meeting and trims text', () => {
    expect(NewMeeting.parse({ ...valid, title: '  Budget Scrutiny ' }).title).toBe('Budget Scrutiny');
  });

  it.each([
    [{ date: '2022-02-29' }, 'date:date_invalid'],
    [{ date: '2024-02-29' }, null],
    [{ date: '17/01/2022' }, 'date:date_format'],
    [{ startTime: '24:00' }, 'startTime:time_format'],
    [{ startTime: '9:30' }, 'startTime:time_format'],
    [{ startTime: '23:59' }, null],
    [{ title: ' ' }, 'title:required'],
    [{ venue: 'v'.repeat(201) }, 'venue:too_long'],
  ])('%o → %s', (change, expected) => {
    expect(codes({ ...valid, ...change })).toEqual(expected ? [expected] : []);
  });
});
