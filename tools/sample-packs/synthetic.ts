/**
 * Text the seeds do not contain but a pack needs. Item 7's report was "to follow" in the real
 * pack, so the republished pack's version is written here, built only from facts the seed pack
 * states (the work programme entry and the budget report's mention of West Mercia Energy), and
 * the manifest says it is synthetic.
 */

export const ITEM7_REPORT_2022 = `### CORPORATE AND COMMUNITIES OVERVIEW AND SCRUTINY PANEL 17 JANUARY 2022

### ANNUAL UPDATE ON THE COUNCIL'S ENERGY PURCHASING ARRANGEMENT VIA THE WEST MERCIA ENERGY JOINT COMMITTEE

### Summary

1. The Panel will receive the annual update on the Council's energy purchasing arrangement via the West Mercia Energy Joint Committee, including the Business Plan.

2. The Cabinet Member with Responsibility for Corporate Services and Communication and the Strategic Director of Commercial and Change have been invited to attend the meeting to respond to any queries from Panel Members.

#### Background

3. The annual update was agreed at the October 2021 meeting of the Overview and Scrutiny Performance Board and is part of the Panel's 2021/22 Work Programme.

4. The Council buys its energy through West Mercia Energy, a purchasing organisation overseen by a Joint Committee of member authorities. The street lighting contract negotiated by West Mercia Energy is one of the major contracts due to end next year, and the Panel has already noted that an increase in contract price is likely.

5. The Panel discussed rising energy costs as one of the emerging pressures for services when it considered the 2022/23 Budget in November 2021.

#### Purpose of the Meeting

6. The Corporate and Communities Overview and Scrutiny Panel is asked to:

- consider the annual update and the Business Plan
- determine any comments to highlight to the Cabinet Member with Responsibility for Corporate Services and Communication

### **Supporting Information**

Appendix 1 - West Mercia Energy Business Plan (summary)

#### **Contact Points**

Emma James / Jo Weston, Overview and Scrutiny Officers, Tel: 01905 844964 / 844965 Email: scrutiny@worcestershire.gov.uk

#### **Background Papers**

In the opinion of the proper officer (in this case the Assistant Director for Legal and Governance) there are no background papers relating to the subject matter of this report.



### Appendix 1 - West Mercia Energy Business Plan (summary)

The Business Plan summary will be presented at the meeting by officers of West Mercia Energy.

This page is intentionally left blank
`;

/**
 * A divider for item 5's Appendix 2, which the seed lists as "Copy issued to Panel members"
 * rather than printing; real packs keep such a page so the appendix numbering still reads.
 */
export const ITEM5_APPENDIX2_DIVIDER_2022 = `### Appendix 2 - Draft 2022/23 Budget discussed by Cabinet on 6 January 2022

Cabinet agenda report (Copy issued to Panel members)
`;

/**
 * The page the republished pack inserts at the end of item 5. Every date in it comes from the
 * budget report in the seed pack.
 */
export const ITEM5_TIMETABLE_2022 = `### Appendix 4 - Budget Scrutiny Timetable 2022/23

The dates below are taken from the report and are included for ease of reference.

Date\tMeeting\tBudget scrutiny step
November 2021\tScrutiny Panels\tEmerging pressures and challenges for services discussed
15 December 2021\tOverview and Scrutiny Performance Board\tFeedback from the Panels reported
6 January 2022\tCabinet\tDraft Council Budget 2022/23 presented
17 January 2022\tCorporate and Communities Overview and Scrutiny Panel\tMain messages from the draft Budget considered
26 January 2022\tOverview and Scrutiny Performance Board\tThe Board formulates its comments to Cabinet
3 February 2022\tCabinet\tComments from scrutiny received
`;

/**
 * Welsh-language front matter for the optional Welsh pack. It is a rendering of the 17 January
 * 2022 front sheet, not a real Welsh council's agenda. Circumflexed w and y are avoided because
 * the WinAnsi standard fonts have no glyph for them.
 */
export const WELSH_2022 = {
  committee: 'Pwyllgor Trosolwg a Chraffu Corfforaethol a Chymunedau',
  dateLine: 'Dydd Llun, 17 Ionawr 2022, 10.00 y.b.',
  venue: 'Siambr y Cyngor, Neuadd y Sir, Caerwrangon',
  invitation: 'Gwahoddir holl Gynghorwyr y Sir i fod yn bresennol a chymryd rhan',
  accessibility:
    'Gellir darparu’r ddogfen hon mewn fformatau eraill megis print bras, recordiad sain neu Braille. Cysylltwch â’r tîm Craffu ar 01905 844965 neu drwy e-bost: scrutiny@worcestershire.gov.uk',
  membershipHeading: 'Aelodaeth',
  councillorsLabel: 'Cynghorwyr:',
  agendaHeading: 'Agenda',
  columns: ['Rhif yr Eitem', 'Pwnc', 'Rhif y Dudalen'] as [string, string, string],
  chair: 'Cadeirydd',
  viceChair: 'Is-gadeirydd',
  prefix: 'Cyng',
  and: 'a',
  toFollow: 'I ddilyn',
  footerLabel: 'Tudalen',
  stampLabel: 'Eitem Agenda',
  blankText: 'Mae’r dudalen hon wedi’i gadael yn wag yn fwriadol',
  dateOfIssue: 'Dyddiad Cyhoeddi: Dydd Gwener, 7 Ionawr 2022',
  afterTable: [
    'Cyhoeddwyd yr agenda gan y Cyfarwyddwr Cynorthwyol dros Faterion Cyfreithiol a Llywodraethu. Mae’r adroddiadau isod ar gael yn Saesneg yn unig.',
  ],
  items: [
    { number: 1, title: 'Ymddiheuriadau a Chroeso' },
    { number: 2, title: 'Datganiadau o Fuddiant ac o unrhyw Chwip Plaid' },
    {
      number: 3,
      title: 'Cyfranogiad y Cyhoedd',
      boilerplate:
        'Dylai aelodau o’r cyhoedd sy’n dymuno cymryd rhan roi gwybod i’r Cyfarwyddwr Cynorthwyol dros Faterion Cyfreithiol a Llywodraethu yn ysgrifenedig neu drwy e-bost erbyn 9.00 y.b. ar y diwrnod gwaith cyn y cyfarfod (yn yr achos hwn, dydd Gwener 14 Ionawr 2022).',
    },
    { number: 4, title: 'Cadarnhau Cofnodion y Cyfarfod Blaenorol' },
    { number: 5, title: 'Craffu ar Gyllideb 2022/23', timingText: '(Amseriad dangosol: 10:05 – 10:50 y.b.)' },
    { number: 6, title: 'Rhannu Data a Dadansoddeg', timingText: '(Amseriad dangosol: 10:50 – 11:30 y.b.)' },
    {
      number: 7,
      title: 'Diweddariad Blynyddol ar Drefniant Prynu Ynni’r Cyngor drwy Gydbwyllgor Ynni Gorllewin Mersia',
      timingText: '(Amseriad dangosol: 11:30 – 12:10 y.p.)',
    },
    { number: 8, title: 'Rhaglen Waith', timingText: '(Amseriad dangosol: 12:10 – 12:20 y.p.)' },
  ],
} as const;
