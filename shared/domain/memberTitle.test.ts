import { describe, expect, it } from 'vitest';
import { memberName } from './memberTitle';

describe('memberName', () => {
  it('prints Cyng. for Cllr in Welsh and Cllr for Cyng. in English, only as a leading title', () => {
    expect(memberName('Cllr Ffion Hughes', 'cy')).toBe('Cyng. Ffion Hughes');
    expect(memberName('Councillor Rhys Evans', 'cy')).toBe('Cyng. Rhys Evans');
    expect(memberName('Cyng. Ffion Hughes', 'en-GB')).toBe('Cllr Ffion Hughes');
    expect(memberName('Cllr Ffion Hughes', 'en-GB')).toBe('Cllr Ffion Hughes');
    expect(memberName('Emma Cllrson', 'cy')).toBe('Emma Cllrson');
    expect(memberName('Cllrs', 'cy')).toBe('Cllrs');
  });
});
