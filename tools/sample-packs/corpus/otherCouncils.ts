/**
 * Front sheets laid out as other systems and councils do: CMIS-style labelled lines with a list of
 * plain names, a Welsh bilingual sheet, a supplementary pack, the "another council" pack of issue
 * 20 (labelled lines, 24-hour time, start pages only, bare numbers, a footnote marker, unnumbered
 * bullets, a pack that stops early), numbers in the top corner, and sub-items.
 */
import type { Measurer } from '../layout';
import { agendaTable, labelled, numberedList, text } from './draw';
import type { CorpusLayout } from './spec';

export function otherCouncilLayouts(m: Measurer): CorpusLayout[] {
  return [
    {
      id: 'cmis-labelled',
      description: 'CMIS-style: council name and committee in capitals, labelled Date, Time ("6.30 p.m.") and Place, "Membership:" then one plain name per line with (Chair)/(Vice-Chair), Quorum, numbered items with the page range at the margin, "Page N of M" bottom left.',
      language: 'en-GB',
      meeting: {
        committee: 'LICENSING COMMITTEE',
        date: '2023-03-22',
        startTime: '18:30',
        venue: 'Committee Room 1, Civic Centre, Exampleton',
        members: [
          { name: 'Grace Adeyemi', role: 'chair' },
          { name: 'Liam Doyle', role: 'vice-chair' },
          { name: 'Fatima Begum', role: 'member' },
          { name: 'Owen Price', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies for Absence' },
        { number: '2', title: 'Declarations of Interest' },
        { number: '3', title: 'Minutes of the Meeting held on 18 January 2023', reportPages: 3 },
        { number: '4', title: 'Review of the Statement of Licensing Policy', reportPages: 5 },
        { number: '5', title: 'Taxi and Private Hire Fees 2023/24', reportPages: 2 },
      ],
      pageEntry: 'range',
      footer: { text: (n, last) => `Page ${n} of ${last}`, align: 'left', edge: 'bottom' },
      front: (flow, entries) => {
        text(flow, 'EXAMPLETON CITY COUNCIL', { bold: true, size: 12, after: 6 });
        text(flow, 'LICENSING COMMITTEE', { bold: true, size: 16, after: 10 });
        labelled(flow, 'Date:', 'Wednesday, 22 March 2023');
        labelled(flow, 'Time:', '6.30 p.m.');
        labelled(flow, 'Place:', 'Committee Room 1, Civic Centre, Exampleton');
        flow.space(8);
        text(flow, 'Membership:', { bold: true, after: 2 });
        for (const line of ['Grace Adeyemi (Chair)', 'Liam Doyle (Vice-Chair)', 'Fatima Begum', 'Owen Price']) text(flow, line, { size: 10, after: 1 });
        flow.space(6);
        labelled(flow, 'Quorum:', 'Three Members', 10);
        flow.heading('AGENDA', 3, { keepLines: 3 });
        numberedList(flow, m, entries, { pages: (e) => e.pages });
        text(flow, 'Date of Publication: Tuesday, 14 March 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'welsh-bilingual',
      description: 'A Welsh council’s bilingual front sheet: Welsh then English on each line ("Dyddiad / Date:", "Amser / Time:", "Lleoliad / Venue:"), bilingual roles and titles, "Tudalen N" footers.',
      language: 'cy',
      meeting: {
        committee: 'Pwyllgor Cynllunio / Planning Committee',
        date: '2023-03-14',
        startTime: '10:00',
        venue: 'Siambr y Cyngor, Swyddfeydd y Cyngor, Llanenghraifft',
        members: [
          { name: 'Siân Hughes', role: 'chair' },
          { name: 'Gareth Pritchard', role: 'vice-chair' },
          { name: 'Eleri Davies', role: 'member' },
          { name: 'Tomos Roberts', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Ymddiheuriadau / Apologies' },
        { number: '2', title: 'Datgan Buddiant / Declarations of Interest' },
        { number: '3', title: 'Cofnodion / Minutes', reportPages: 3 },
        { number: '4', title: 'Ceisiadau Cynllunio / Planning Applications', reportPages: 5 },
        { number: '5', title: 'Apeliadau / Appeals', status: 'to-follow', statusText: 'I ddilyn' },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Tudalen ${n}`, align: 'centre', edge: 'bottom' },
      front: (flow, entries) => {
        text(flow, 'Cyngor Sir Enghraifft / Example County Council', { size: 11, after: 8 });
        flow.heading('Pwyllgor Cynllunio / Planning Committee', 2, { keepLines: 1 });
        labelled(flow, 'Dyddiad / Date:', 'Dydd Mawrth, 14 Mawrth 2023');
        labelled(flow, 'Amser / Time:', '10.00 y.b. / 10.00 am');
        labelled(flow, 'Lleoliad / Venue:', 'Siambr y Cyngor, Swyddfeydd y Cyngor, Llanenghraifft');
        flow.space(8);
        labelled(flow, 'Aelodaeth / Membership:', 'Siân Hughes (Cadeirydd / Chair), Gareth Pritchard (Is-gadeirydd / Vice-Chair), Eleri Davies, Tomos Roberts', 10);
        flow.heading('Rhaglen / Agenda', 3, { keepLines: 3 });
        agendaTable(flow, entries, { columns: ['Eitem / Item', 'Pwnc / Subject', 'Tudalen / Page'] });
        text(flow, 'Dyddiad cyhoeddi / Date of issue: Dydd Llun, 6 Mawrth 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'supplement',
      description: 'A supplementary pack: "Supplementary Agenda" over the committee and date line, only the items whose papers were to follow, no membership, reports numbered from 1.',
      language: 'en-GB',
      meeting: {
        committee: 'Cabinet',
        date: '2023-02-16',
        startTime: '10:00',
        venue: 'Council Chamber, County Hall, Exampleton',
        members: [],
      },
      items: [
        { number: '7', title: 'Revenue Budget and Council Tax 2023/24', reportPages: 6 },
        { number: '9', title: 'Capital Programme 2023/24 to 2025/26', reportPages: 3 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'centre', edge: 'bottom' },
      front: (flow, entries) => {
        text(flow, 'Supplementary Agenda', { bold: true, size: 18, after: 12 });
        flow.heading('Cabinet', 2, { keepLines: 1 });
        text(flow, 'Thursday, 16 February 2023, 10.00 am, Council Chamber, County Hall, Exampleton', { bold: true, size: 12, after: 12 });
        text(flow, 'The following reports were marked "To follow" on the agenda for this meeting.', { size: 10, after: 10 });
        agendaTable(flow, entries, { columns: ['Item No', 'Subject', 'Page No'] });
        text(flow, 'Date of Issue: Monday, 13 February 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'another-council',
      description: 'Issue 20’s "another council": labelled Date/Time (24-hour)/Venue, membership as names with (Chair) in brackets, a table giving only start pages, bare-number footers bottom right, a footnote marker after a title, unnumbered "further reports" bullets, and a pack that stops before the agenda’s last pages.',
      language: 'en-GB',
      meeting: {
        committee: 'Regulatory Committee',
        date: '2023-07-12',
        startTime: '19:15',
        venue: 'Main Hall, Riverside House, Exampleport',
        members: [
          { name: 'Alan Forbes', role: 'chair' },
          { name: 'Priya Nair', role: 'vice-chair' },
          { name: 'Colin Ware', role: 'member' },
          { name: 'Debbie Shaw', role: 'member' },
          { name: 'Ewan Grant', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies for absence' },
        { number: '2', title: 'Declarations of interest' },
        { number: '3', title: 'Minutes of the meeting held on 14 June 2023', reportPages: 4 },
        { number: '4', title: 'Enforcement update', printedTitle: 'Enforcement update¹', reportPages: 3 },
        { number: '5', title: 'Further reports' },
        { number: '', title: 'Land at Mill Lane, Exampleport (23/00123/FUL)', reportPages: 5 },
        { number: '', title: 'Former Depot Site, Quay Road (23/00456/OUT)', reportPages: 4 },
        { number: '6', title: 'Appeals received and decided', reportPages: 2 },
        { number: '7', title: 'Tree Preservation Orders confirmed', reportPages: 3 },
      ],
      pageEntry: 'start',
      // The last report's last two pages were not in the published file.
      keepReportPages: 19,
      footer: { text: (n) => String(n), align: 'right', edge: 'bottom' },
      front: (flow, entries) => {
        text(flow, 'Exampleport Borough Council', { size: 12, after: 8 });
        text(flow, 'Regulatory Committee', { bold: true, size: 16, after: 10 });
        labelled(flow, 'Date:', 'Wednesday 12 July 2023');
        labelled(flow, 'Time:', '19:15');
        labelled(flow, 'Venue:', 'Main Hall, Riverside House, Exampleport');
        flow.space(8);
        text(flow, 'Membership:', { bold: true, after: 2 });
        text(flow, 'Alan Forbes (Chair), Priya Nair (Vice-Chair), Colin Ware, Debbie Shaw, Ewan Grant', { size: 10, after: 10 });
        agendaTable(flow, entries, { columns: ['Item', 'Subject', 'Page'] });
        text(flow, '¹ Deferred from the meeting held on 14 June 2023.', { size: 8, after: 6 });
      },
    },
    {
      id: 'top-corner-numbers',
      description: 'Page numbers at the top right with the meeting name at the top left on the same line, a 24-hour start on the date line and 24-hour indicative timings.',
      language: 'en-GB',
      meeting: {
        committee: 'Cabinet',
        date: '2023-03-28',
        startTime: '14:00',
        venue: 'Council Chamber, County Hall, Exampleton',
        members: [
          { name: 'Ruth Allen', role: 'chair' },
          { name: 'Marcus Lee', role: 'vice-chair' },
          { name: 'Jo Kemp', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies' },
        { number: '2', title: 'Declarations of Interest' },
        { number: '3', title: 'Local Transport Plan', reportPages: 4, timingText: '(14:05 – 14:35)', timing: { from: '14:05', to: '14:35' } },
        { number: '4', title: 'Housing Strategy 2023-2028', reportPages: 5, timingText: '(14:35 – 15:10)', timing: { from: '14:35', to: '15:10' } },
      ],
      pageEntry: 'range',
      firstPrinted: 3,
      footer: { text: (n) => String(n), align: 'right', edge: 'top', beside: 'Cabinet, 28 March 2023' },
      front: (flow, entries) => {
        flow.heading('Cabinet', 2, { keepLines: 1 });
        text(flow, 'Tuesday, 28 March 2023, 14:00, Council Chamber, County Hall, Exampleton', { bold: true, size: 12, after: 12 });
        flow.paragraph([{ text: 'Membership: ', bold: true }, { text: 'Cllr Ruth Allen (Leader and Chair), Cllr Marcus Lee (Deputy Leader and Vice-Chair), Cllr Jo Kemp', bold: false }], { size: 10, after: 10 });
        agendaTable(flow, entries, { columns: ['Item', 'Subject', 'Pages'] });
        text(flow, 'Date of Issue: Monday, 20 March 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'sub-items',
      description: 'Sub-items 5a, 5b, 6(i), 6(ii) as numbered headings with "Pages x - y" at the margin, "Time: 10am", "Page N" bottom left beside the council name.',
      language: 'en-GB',
      meeting: {
        committee: 'Pensions Committee',
        date: '2023-09-19',
        startTime: '10:00',
        venue: 'Room 4, Town Hall, Exampleton',
        members: [
          { name: 'Neil Oakes', role: 'chair' },
          { name: 'Farah Khan', role: 'vice-chair' },
          { name: 'Bill Tate', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies' },
        { number: '2', title: 'Declarations of Interest' },
        { number: '3', title: 'Minutes', reportPages: 2 },
        { number: '4', title: 'Pension Fund Accounts', reportPages: 3 },
        { number: '5a', title: 'Investment Performance: Equities', reportPages: 2 },
        { number: '5b', title: 'Investment Performance: Property', reportPages: 2 },
        { number: '6(i)', title: 'Risk Register', reportPages: 1 },
        { number: '6(ii)', title: 'Breaches Log', reportPages: 1 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'left', edge: 'bottom', beside: 'Exampleton Borough Council' },
      front: (flow, entries) => {
        text(flow, 'Pensions Committee', { bold: true, size: 16, after: 10 });
        labelled(flow, 'Date:', 'Tuesday, 19 September 2023');
        labelled(flow, 'Time:', '10am');
        labelled(flow, 'Venue:', 'Room 4, Town Hall, Exampleton');
        flow.space(8);
        labelled(flow, 'Membership:', 'Councillors Neil Oakes (Chair), Farah Khan (Vice-Chair) and Bill Tate', 10);
        flow.heading('Agenda', 3, { keepLines: 3 });
        numberedList(flow, m, entries, { pages: (e) => (e.pages ? `Pages ${e.pages}` : ''), numberText: (n) => n });
        text(flow, 'Date of Publication: Friday, 8 September 2023', { bold: true, size: 10 });
      },
    },
  ];
}
