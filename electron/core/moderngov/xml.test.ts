import { describe, expect, it } from 'vitest';
import { parseUkDate, parseUkDateTime, parseUkTime, toUkDate } from './calendar';
import { decodeHtml, decodeText, readCommittees, readMeeting, readMeetings } from './xml';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('Modern.gov formats', () => {
  it('reads dd/mm/yyyy dates (with or without a time) and refuses ISO and impossible dates', () => {
    expect(parseUkDate('17/01/2022')).toBe('2022-01-17');
    expect(parseUkDate(' 7/1/2022 ')).toBe('2022-01-07');
    expect(parseUkDateTime('07/01/2022 16:22:05')).toBe('2022-01-07T16:22:05');
    expect(parseUkDate('2022-01-17')).toBeNull();
    expect(parseUkDate('31/02/2022')).toBeNull();
    expect(toUkDate('2022-01-17')).toBe('17/01/2022');
  });

  it('reads "10.00 am" style times', () => {
    expect(parseUkTime('10.00 am')).toBe('10:00');
    expect(parseUkTime('2.30pm')).toBe('14:30');
    expect(parseUkTime('12.15 pm')).toBe('12:15');
    expect(parseUkTime('12.00 am')).toBe('00:00');
    expect(parseUkTime('12 noon')).toBe('12:00');
    expect(parseUkTime('14:00')).toBe('14:00');
    expect(parseUkTime('   ')).toBeNull();
    expect(parseUkTime('13.00 pm')).toBeNull();
  });

  it('decodes entities the site encoded twice, in text and in HTML', () => {
    expect(decodeText('Children&amp;#39;s Services &amp;amp; Families')).toBe("Children's Services & Families");
    expect(decodeHtml('&lt;p&gt;Budget &amp;amp;#39;draft&amp;amp;#39;&lt;/p&gt;')).toBe('<p>Budget &#39;draft&#39;</p>');
  });
});

describe('reading the web service', () => {
  it('keeps live committees, decoding titles and treating whitespace-only elements as empty', () => {
    const xml = `<?xml version="1.0"?><committees>
      <committee><committeeid>1</committeeid><committeetitle>Cabinet &amp;amp; Council</committeetitle><committeeexpired>   </committeeexpired></committee>
      <committee><committeeid>2</committeeid><committeetitle>Gone</committeetitle><committeeexpired>True</committeeexpired></committee>
    </committees>`;
    expect(readCommittees(xml)).toEqual([{ id: 1, title: 'Cabinet & Council' }]);
  });

  it('reads a meeting list and a whitespace-only empty one', () => {
    expect(readMeetings('<meetings><meeting><meetingid>5</meetingid><meetingdate>17/01/2022</meetingdate><meetingtime>10.00 am</meetingtime><meetingstatus>Confirmed</meetingstatus></meeting></meetings>')).toEqual([
      { id: 5, committeeId: null, date: '2022-01-17', startTime: '10:00', status: 'Confirmed' },
    ]);
    expect(readMeetings('<meetings>\n   \n</meetings>')).toEqual([]);
  });

  it('reads a meeting with items, documents and attendees', () => {
    const meeting = readMeeting(`<meeting><meetingid>9</meetingid><committeetitle>Panel</committeetitle><meetingdate>17/01/2022</meetingdate><meetingtime>2.30 pm</meetingtime>
      <meetinglocation>County Hall</meetinglocation><meetingstatus>Confirmed</meetingstatus>
      <agendaitems><agendaitem><agendaitemid>77</agendaitemid><agendaitemnumber>5</agendaitemnumber><fulldisplaynumberformat>5.</fulldisplaynumberformat>
        <agendaitemtitle>Budget</agendaitemtitle><agendatext>&lt;p&gt;Hi&lt;/p&gt;</agendatext><isrestricted>False</isrestricted><declarationcount> </declarationcount>
        <linkeddocuments><linkeddoc><attachmentid>300</attachmentid><title>Report</title><url>https://x.gov.uk/documents/s300/r.pdf</url><publicationdate>07/01/2022 16:22:05</publicationdate><isrestricted>False</isrestricted></linkeddoc></linkeddocuments>
      </agendaitem></agendaitems>
      <attendees><attendee><memberid>1</memberid><name>Cllr A</name><roledescription>Chairman</roledescription><attendance>Expected</attendance><politicalparty> </politicalparty></attendee></attendees></meeting>`);
    expect(meeting).toMatchObject({ id: 9, date: '2022-01-17', startTime: '14:30', venue: 'County Hall' });
    expect(meeting.items).toEqual([
      {
        id: 77,
        number: '5',
        title: 'Budget',
        agendaHtml: '<p>Hi</p>',
        restricted: false,
        declarationCount: 0,
        documents: [{ attachmentId: 300, title: 'Report', url: 'https://x.gov.uk/documents/s300/r.pdf', publishedAt: '2022-01-07T16:22:05', restricted: false }],
      },
    ]);
    expect(meeting.attendees[0]).toMatchObject({ name: 'Cllr A', role: 'Chairman', party: '' });
  });

  it('refuses a DTD (no entity is ever expanded), malformed XML and records missing their ids', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><committees><committee><committeeid>1</committeeid><committeetitle>&x;</committeetitle></committee></committees>';
    expect(codeOf(() => readCommittees(xxe))).toBe('MODERNGOV_BAD_XML');
    const laughs = '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><committees><committee><committeeid>1</committeeid><committeetitle>&b;</committeetitle></committee></committees>';
    expect(codeOf(() => readCommittees(laughs))).toBe('MODERNGOV_BAD_XML');
    expect(codeOf(() => readCommittees('<committees><committee><committeeid>1</committee>'))).toBe('MODERNGOV_BAD_XML');
    expect(codeOf(() => readCommittees('<committees><committee><committeeid>  </committeeid><committeetitle>A</committeetitle></committee></committees>'))).toBe('MODERNGOV_BAD_XML');
    expect(codeOf(() => readMeetings('<meetings><meeting><meetingid>5</meetingid><meetingdate>2022-01-17</meetingdate></meeting></meetings>'))).toBe('MODERNGOV_BAD_XML');
  });
});
