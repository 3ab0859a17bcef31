/**
 * Modern.gov-style front sheets: the default agenda table under a committee heading and a date
 * line, the text agenda (numbered headings with "(Pages x - y)" at the margin), a council agenda
 * numbered like minutes, a cover-page variant, a table that runs onto a second page, and the
 * table whose status words sit under the title.
 */
import type { Measurer } from '../layout';
import { agendaTable, labelled, numberedList, text } from './draw';
import type { CorpusItem, CorpusLayout } from './spec';

const PUBLISHED = 'Agenda produced and published by the Democratic Services Manager, Shire Hall, Exampleton EX1 1AA.';

export function modernGovLayouts(m: Measurer): CorpusLayout[] {
  return [
    {
      id: 'mg-default-table',
      description: 'Modern.gov default: committee heading, one bold line with date, 12-hour time and venue, "Councillors:" list with Cllr and roles, ruled table with ranges and indicative timings, "Page N" centred.',
      language: 'en-GB',
      meeting: {
        committee: 'Audit and Governance Committee',
        date: '2023-03-09',
        startTime: '14:00',
        venue: 'Committee Room 2, Shire Hall, Exampleton',
        members: [
          { name: 'Anna Price', role: 'chair' },
          { name: 'Tom Hale', role: 'vice-chair' },
          { name: 'Ruth Dean', role: 'member' },
          { name: 'Omar Farouk', role: 'member' },
          { name: 'Lucy Webb', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies and Substitutes' },
        { number: '2', title: 'Declarations of Interest' },
        { number: '3', title: 'Minutes of the Previous Meeting', reportPages: 3 },
        { number: '4', title: 'Internal Audit Progress Report', reportPages: 5, timingText: '(Indicative timing: 2:05 – 2:40pm)', timing: { from: '14:05', to: '14:40' } },
        { number: '5', title: 'External Audit Plan 2022/23', reportPages: 4, timingText: '(Indicative timing: 2:40 – 3:10pm)', timing: { from: '14:40', to: '15:10' } },
        { number: '6', title: 'Work Programme', reportPages: 2 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'centre', edge: 'bottom' },
      front: (flow, entries) => {
        flow.heading('Audit and Governance Committee', 2, { keepLines: 1 });
        text(flow, 'Thursday, 9 March 2023, 2.00 pm, Committee Room 2, Shire Hall, Exampleton', { bold: true, size: 12, after: 12 });
        flow.heading('Membership', 4, { keepLines: 1 });
        flow.paragraph(
          [{ text: 'Councillors: ', bold: true }, { text: 'Cllr Anna Price (Chairman), Cllr Tom Hale (Vice Chairman), Cllr Ruth Dean, Cllr Omar Farouk and Cllr Lucy Webb', bold: false }],
          { size: 10, after: 10 },
        );
        flow.heading('Agenda', 3, { keepLines: 3 });
        agendaTable(flow, entries, { columns: ['Item No', 'Subject', 'Page No'] });
        text(flow, PUBLISHED, { size: 9 });
        text(flow, 'Date of Issue: Tuesday, 28 February 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'mg-text-agenda',
      description: 'Modern.gov text agenda: council name, committee, date and evening time on one line, labelled Venue and Contact, "Membership: Councillors …" with (Chair)/(Vice-Chair), numbered capitalised headings with a line under each and "(Pages x - y)" at the right margin, "Page N" bottom right.',
      language: 'en-GB',
      meeting: {
        committee: 'Planning Committee',
        date: '2023-03-15',
        startTime: '19:15',
        venue: 'Council Chamber, Civic Offices, Market Street, Exampleford',
        members: [
          { name: 'Helen Marsh', role: 'chair' },
          { name: 'Peter Ng', role: 'vice-chair' },
          { name: 'Sara Bell', role: 'member' },
          { name: 'Dev Patel', role: 'member' },
          { name: 'Karen Oduya', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'APOLOGIES FOR ABSENCE', description: 'To receive apologies for absence.' },
        { number: '2', title: 'DECLARATIONS OF INTEREST', description: 'To receive any declarations of interest from Members.' },
        { number: '3', title: 'MINUTES', reportPages: 4, description: 'To confirm as a correct record the minutes of the last meeting of the Committee.' },
        { number: '4', title: 'PLANNING APPLICATIONS FOR DETERMINATION', reportPages: 6, description: 'To consider the reports of the Head of Planning on the applications listed.' },
        { number: '5', title: 'APPEALS UPDATE', reportPages: 2, description: 'To note the appeal decisions received since the last meeting.' },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'right', edge: 'bottom' },
      front: (flow, entries) => {
        text(flow, 'Exampleford District Council', { size: 12, after: 8 });
        flow.heading('Planning Committee', 2, { keepLines: 1 });
        text(flow, 'Wednesday, 15 March 2023 7.15 pm', { bold: true, size: 12, after: 6 });
        labelled(flow, 'Venue:', 'Council Chamber, Civic Offices, Market Street, Exampleford');
        labelled(flow, 'Contact:', 'Jo Bloggs, Democratic Services, 01632 960123');
        flow.space(6);
        labelled(flow, 'Membership:', 'Councillors Helen Marsh (Chair), Peter Ng (Vice-Chair), Sara Bell, Dev Patel, Karen Oduya', 10);
        flow.heading('AGENDA', 3, { keepLines: 3 });
        numberedList(flow, m, entries, { pages: (e) => (e.pages ? `(Pages ${e.pages})` : '') });
        text(flow, 'Date of Publication: Tuesday, 7 March 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'mg-minute-numbers',
      description: 'A council agenda numbered on from the last minutes ("51." …) with sub-items 54(a) and 54(b), date and "at 10.00 a.m." on one line and the venue under it, "Business" table header, "- N -" footers.',
      language: 'en-GB',
      meeting: {
        committee: 'Overview and Scrutiny Board',
        date: '2023-03-20',
        startTime: '10:00',
        venue: 'The Guildhall, High Street, Exampleton',
        members: [
          { name: 'Rhys Morgan', role: 'chair' },
          { name: 'Beth Collins', role: 'vice-chair' },
          { name: 'Ian Shaw', role: 'member' },
          { name: 'Nadia Rahman', role: 'member' },
        ],
      },
      items: [
        { number: '51.', title: 'Apologies for Absence' },
        { number: '52.', title: 'Declarations of Interest' },
        { number: '53.', title: 'Minutes', reportPages: 3 },
        { number: '54(a).', title: 'Performance Report: Quarter 3', reportPages: 4 },
        { number: '54(b).', title: 'Complaints Annual Review', reportPages: 2 },
        { number: '55.', title: 'Forward Plan', reportPages: 1 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `- ${n} -`, align: 'centre', edge: 'bottom' },
      front: (flow, entries) => {
        flow.heading('Overview and Scrutiny Board', 2, { keepLines: 1 });
        text(flow, 'Monday, 20 March 2023 at 10.00 a.m.', { bold: true, size: 12, after: 2 });
        text(flow, 'The Guildhall, High Street, Exampleton', { size: 12, after: 10 });
        flow.paragraph(
          [{ text: 'Members: ', bold: true }, { text: 'Cllr Rhys Morgan (Chair), Cllr Beth Collins (Vice-Chair), Cllr Ian Shaw and Cllr Nadia Rahman', bold: false }],
          { size: 10, after: 10 },
        );
        agendaTable(flow, entries, { columns: ['No.', 'Business', 'Pages'] });
        text(flow, 'Date of Issue: Friday, 10 March 2023', { bold: true, size: 10 });
      },
    },
    {
      id: 'mg-cover-page',
      description: 'A cover page naming committee, date, time and venue, then a front sheet with the table but no date line; members one per line as "Councillor X - Chairman"; "Page N" centred.',
      language: 'en-GB',
      meeting: {
        committee: 'Health and Wellbeing Board',
        date: '2023-04-04',
        startTime: '10:30',
        venue: 'Online via Microsoft Teams',
        members: [
          { name: 'Mary Jones', role: 'chair' },
          { name: 'Kwame Asante', role: 'vice-chair' },
          { name: 'Chloe Evans', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Welcome and Apologies' },
        { number: '2', title: 'Declarations of Interest' },
        { number: '3', title: 'Joint Local Health and Wellbeing Strategy', reportPages: 6 },
        { number: '4', title: 'Better Care Fund Update', reportPages: 3 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'centre', edge: 'bottom' },
      cover: (flow) => {
        text(flow, 'Agenda', { bold: true, size: 28, after: 24 });
        text(flow, 'Health and Wellbeing Board', { bold: true, size: 20, after: 20 });
        text(flow, 'Tuesday, 4 April 2023, 10.30 am', { size: 14, after: 4 });
        text(flow, 'Online via Microsoft Teams', { size: 14, after: 60 });
        text(flow, 'This meeting will be broadcast live on the council’s website.', { bold: true, size: 12 });
      },
      front: (flow, entries) => {
        text(flow, 'Health and Wellbeing Board', { bold: true, size: 14, after: 10 });
        text(flow, 'Membership', { bold: true, size: 11, after: 3 });
        text(flow, 'Councillor Mary Jones - Chairman', { size: 10, after: 1 });
        text(flow, 'Councillor Kwame Asante - Vice-Chairman', { size: 10, after: 1 });
        text(flow, 'Councillor Chloe Evans', { size: 10, after: 10 });
        agendaTable(flow, entries, { columns: ['Item', 'Subject', 'Pages'] });
        text(flow, PUBLISHED, { size: 9 });
      },
    },
    {
      id: 'table-two-pages',
      description: 'A long agenda whose ruled table runs onto a second page, repeating its header, with "Page N" footers bottom left.',
      language: 'en-GB',
      meeting: {
        committee: 'Children and Young People Scrutiny Panel',
        date: '2023-05-11',
        startTime: '14:30',
        venue: 'Council Chamber, County Hall, Exampleton',
        members: [
          { name: 'Jane Holt', role: 'chair' },
          { name: 'Sam Ryder', role: 'vice-chair' },
          { name: 'Ann Lee', role: 'member' },
        ],
      },
      items: longAgenda(),
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'left', edge: 'bottom' },
      front: (flow, entries) => {
        flow.heading('Children and Young People Scrutiny Panel', 2, { keepLines: 1 });
        text(flow, 'Thursday, 11 May 2023, 2.30 pm, Council Chamber, County Hall, Exampleton', { bold: true, size: 12, after: 12 });
        flow.paragraph([{ text: 'Councillors: ', bold: true }, { text: 'Cllr Jane Holt (Chairman), Cllr Sam Ryder (Vice Chairman) and Cllr Ann Lee', bold: false }], { size: 10, after: 10 });
        flow.heading('Agenda', 3, { keepLines: 3 });
        agendaTable(flow, entries, { columns: ['Item No', 'Subject', 'Page No'], size: 11 });
        text(flow, PUBLISHED, { size: 9 });
      },
    },
    {
      id: 'wrapped-status',
      description: 'The Modern.gov table where "Previously circulated" and "To follow" are printed on the line under the title rather than in the page column.',
      language: 'en-GB',
      meeting: {
        committee: 'Economy and Environment Overview and Scrutiny Panel',
        date: '2023-06-06',
        startTime: '10:00',
        venue: 'Council Chamber, County Hall, Exampleton',
        members: [
          { name: 'Paul Grant', role: 'chair' },
          { name: 'Lisa Wong', role: 'vice-chair' },
          { name: 'Hugh Baker', role: 'member' },
        ],
      },
      items: [
        { number: '1', title: 'Apologies and Welcome' },
        { number: '2', title: 'Declarations of Interest and of any Party Whip' },
        { number: '3', title: 'Confirmation of the Minutes of the Previous Meeting', status: 'previously-circulated', statusText: 'Previously circulated' },
        { number: '4', title: 'Highways Maintenance Update', reportPages: 5 },
        { number: '5', title: 'Flood Risk Management Annual Report', status: 'to-follow', statusText: 'To follow' },
        { number: '6', title: 'Work Programme', reportPages: 2 },
      ],
      pageEntry: 'range',
      footer: { text: (n) => `Page ${n}`, align: 'centre', edge: 'bottom' },
      front: (flow, entries) => {
        flow.heading('Economy and Environment Overview and Scrutiny Panel', 2, { keepLines: 1 });
        text(flow, 'Tuesday, 6 June 2023, 10.00 am, Council Chamber, County Hall, Exampleton', { bold: true, size: 12, after: 12 });
        flow.paragraph([{ text: 'Councillors: ', bold: true }, { text: 'Cllr Paul Grant (Chairman), Cllr Lisa Wong (Vice Chairman) and Cllr Hugh Baker', bold: false }], { size: 10, after: 10 });
        flow.heading('Agenda', 3, { keepLines: 3 });
        agendaTable(flow, entries, { columns: ['Item No', 'Subject', 'Page No'], statusUnderTitle: true });
        text(flow, PUBLISHED, { size: 9 });
      },
    },
  ];
}

function longAgenda(): CorpusItem[] {
  const titles = [
    'Apologies and Welcome',
    'Declarations of Interest and of any Party Whip',
    'Public Participation',
    'Confirmation of the Minutes of the Previous Meeting',
    'Cabinet Member Update: Education and Skills',
    'School Place Planning',
    'Special Educational Needs and Disabilities Inspection Outcome',
    'Early Help Strategy Refresh',
    'Children’s Social Care Performance',
    'Fostering Service Annual Report',
    'Adoption Regional Agency Update',
    'Youth Justice Plan 2023/24',
    'Home to School Transport',
    'Mental Health Support in Schools',
    'Corporate Parenting Board Annual Report',
    'Elective Home Education',
    'School Attendance',
    'Budget Monitoring: Children’s Services',
    'Complaints and Compliments',
    'Work Programme',
  ];
  const description = 'To consider the report and agree any comments the Panel wishes to make.';
  return titles.map((title, i) => (i < 4 ? { number: String(i + 1), title, description } : { number: String(i + 1), title, description, reportPages: 1 + (i % 3) }));
}
