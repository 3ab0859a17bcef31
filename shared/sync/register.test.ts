import { describe, expect, it } from 'vitest';
import { entityDefinition, entityIdOf, keyOf, localEntityOf, parsePayload, syncRegister, wireEntityOf } from './register';

const meetingId = '7d8e2c1a-3b4c-4d5e-8f90-123456789abc';
const outcome = { meetingId, itemNumber: '5', kind: 'noted', version: 0, updatedAt: '2026-01-17T10:00:00.000Z' };
const id = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('the register of synced entities', () => {
  it('declares each entity once, with a key and a strict schema', () => {
    const names = syncRegister.map((d) => d.wire);
    expect(new Set(names).size).toBe(names.length);
    for (const d of syncRegister) {
      expect(d.key.length).toBeGreaterThan(0);
      expect(d.schema.safeParse({ ...Object.fromEntries(d.key.map((k) => [k, 'x'])), surprise: 1 }).success).toBe(false);
    }
  });

  it('takes the id from the entityId and fills it in', () => {
    const parsed = parsePayload('outcome', id, outcome);
    expect(parsed).toEqual({ ok: true, data: { ...outcome, id } });
  });

  it('refuses a payload whose id names another record', () => {
    const parsed = parsePayload('outcome', id, { ...outcome, id: 'f0f0f0f0-e5f6-4a7b-8c9d-0e1f2a3b4c5d' });
    expect(parsed).toMatchObject({ ok: false, reason: 'INVALID_PAYLOAD' });
    expect(JSON.stringify(parsed)).toContain('payload.id');
  });

  it('refuses unknown fields, at the top', () => {
    expect(parsePayload('outcome', id, { ...outcome, shared: true })).toMatchObject({ ok: false, reason: 'INVALID_PAYLOAD' });
  });

  it('refuses a payload a thousand levels deep before parsing it, and an oversized one', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(JSON.stringify(parsePayload('outcome', id, { ...outcome, vote: deep }))).toContain('nested deeper');
    expect(JSON.stringify(parsePayload('outcome', id, { ...outcome, resolution: 'x'.repeat(70_000) }))).toContain('larger than');
  });

  it('refuses entities it does not know', () => {
    expect(parsePayload('pack', id, {})).toMatchObject({ ok: false, reason: 'UNKNOWN_ENTITY' });
  });

  it('splits and joins compound keys, and maps outbox names to wire names', () => {
    const attendance = entityDefinition('attendance');
    if (!attendance) throw new Error('attendance is registered');
    expect(keyOf(attendance, `${meetingId}:m1`)).toEqual({ meetingId, memberId: 'm1' });
    expect(keyOf(attendance, meetingId)).toBeNull();
    expect(entityIdOf(attendance, { meetingId, memberId: 'm1', status: 'present' })).toBe(`${meetingId}:m1`);
    expect(wireEntityOf('minutes')).toBe('minute');
    expect(localEntityOf('minute')).toBe('minutes');
    expect(wireEntityOf('annotation')).toBe('annotation');
  });
});
