import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { coreCall } from '../coreCall';
import { expect, expectNoAxeViolations } from '../fixtures';

export type Language = 'en-GB' | 'cy';
type Tree = { [key: string]: string | Tree };
const locales = path.resolve(import.meta.dirname, '..', '..', 'resources', 'locales');
const trees: Record<Language, Tree> = {
  'en-GB': JSON.parse(fs.readFileSync(path.join(locales, 'en-GB.json'), 'utf8')) as Tree,
  cy: JSON.parse(fs.readFileSync(path.join(locales, 'cy.json'), 'utf8')) as Tree,
};

/** The screen's own words, from the app's locale files, so one journey runs in either language. */
export function phrases(language: Language) {
  return (key: string, values: Record<string, string | number> = {}): string => {
    let node: string | Tree | undefined = trees[language];
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no phrase ${key} in ${language}`);
    return node.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const minute = 60_000;

const words = (xml: string) =>
  xml
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

/** The words of a Word file as a reader sees them: a line per paragraph, a table row as "cell | cell". */
export function docxText(file: string): string {
  const xml = new TextDecoder().decode(unzipSync(fs.readFileSync(file))['word/document.xml']);
  return xml
    .replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, (row) => `${(row.match(/<w:tc[ >][\s\S]*?<\/w:tc>/g) ?? []).map(words).join(' | ')}</w:p>`)
    .split('</w:p>')
    .map(words)
    .join('\n');
}

/** Who plays which part: the names come from what the council published for the meeting. */
export interface Cast {
  chair: string;
  /** A voting member who sends apologies, replaced by the substitute. */
  apologises: string;
  /** A voting member with a DPI on the business item, who withdraws. */
  declares: string;
  /** Voting members who vote Against (the rest of the room votes For). */
  against: string;
  /** The member timed speaking on the item after the vote. */
  speaks: string;
  substitute: string;
  coOpted: string;
}

export interface Agenda {
  /** The business item with a vote, an action and a panel comment; it overruns when the agenda gives its time. */
  voteItem: string;
}

/**
 * The chair's whole meeting, from the keyboard, on a meeting whose members came from what the
 * council published: a co-opted member and a substitute added, apologies and the substitution,
 * attendance, a DPI with withdrawal, the business item overrunning its indicative time, a recorded
 * vote the withdrawn member cannot be put in, an action, an agreed panel comment, a timed speaker,
 * the next items taken; then the exported Word minutes read back for exactly that.
 * Returns the Word minutes' text.
 */
export async function chairRunsTheMeeting(page: Page, origin: string, meetingId: string, language: Language, cast: Cast, agenda: Agenda, screenshots: string | null): Promise<string> {
  const t = phrases(language);
  const at = (offsetMinutes: number, base: number) => new Date(base + offsetMinutes * minute).toISOString();

  // The language first, from the header, so every step after reads the chosen language's words.
  await page.goto(`${origin}/#/meetings/${meetingId}`);
  if (language === 'cy') {
    await page.getByLabel('Language').focus();
    await page.getByLabel('Language').selectOption('cy');
  }

  // The members the council published, from the meeting page by keyboard.
  await page.getByRole('link', { name: t('members.open') }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(t('members.title'));
  await expect(page.getByRole('combobox', { name: t('members.roleOf', { name: cast.chair }) })).toHaveValue('chair');

  // This device is the chair's: the core records the choice (the header's control is the app's, not this journey's).
  const roles = await coreCall(page, 'listMeetingRoles', { meetingId });
  const idOf = (name: string) => roles.find((r) => r.memberName === name)?.memberId ?? name;
  const chairId = idOf(cast.chair);
  await coreCall(page, 'chooseMember', { memberId: chairId });
  await page.reload();

  // A co-opted member and a substitute, added from the keyboard.
  for (const [name, role] of [
    [cast.coOpted, 'co-opted'],
    [cast.substitute, 'substitute'],
  ] as const) {
    await page.getByRole('textbox', { name: t('members.name'), exact: true }).focus();
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: t('members.role'), exact: true })).toBeFocused();
    await page.getByRole('combobox', { name: t('members.role'), exact: true }).selectOption(role);
    await page.getByRole('button', { name: t('members.addButton') }).press('Enter');
    await expect(page.getByRole('status')).toContainText(t('members.added', { name, role: t(`runMeeting.roles.${role}`) }));
  }
  await expect(page.getByRole('combobox', { name: t('members.roleOf', { name: cast.coOpted }) })).toHaveValue('co-opted');
  await expectNoAxeViolations(page, `members with a co-opted member (${language})`);
  const everyone = await coreCall(page, 'listMeetingRoles', { meetingId });

  // The cockpit.
  await page.goto(`${origin}/#/meetings/${meetingId}/run`);
  const cockpit = page.locator('.cockpit-current');
  await expect(cockpit.getByRole('heading', { level: 2 })).toBeVisible();

  // Attendance in the grid: apologies first, then the substitute for that member, then everyone else.
  const attendance = (name: string) => page.getByRole('combobox', { name: t('runMeeting.attendance.statusLabel', { name }) });
  await attendance(cast.apologises).focus();
  await attendance(cast.apologises).selectOption('apologies');
  await expect(attendance(cast.apologises)).toHaveValue('apologies');
  await page.getByRole('combobox', { name: t('runMeeting.attendance.substituteForLabel', { name: cast.substitute }) }).selectOption({ label: cast.apologises });
  await attendance(cast.substitute).selectOption('substitute');
  await expect(page.locator('.attendance-grid')).toContainText(t('runMeeting.attendance.substituting', { name: cast.apologises }));
  for (const r of everyone) {
    if (r.memberName === cast.apologises || r.memberName === cast.substitute) continue;
    const status = r.role === 'officer' || r.role === 'cabinet-member' || r.role === 'clerk' ? 'in-attendance' : 'present';
    await attendance(r.memberName).selectOption(status);
    await expect(attendance(r.memberName)).toHaveValue(status);
  }
  await expect(page.locator('.attendance-grid .quorum-missing')).toHaveCount(0);

  // A DPI with withdrawal, declared at the declarations item.
  const nature = `Director of a firm bidding for item ${agenda.voteItem}`;
  const declare = page.getByRole('form', { name: t('runMeeting.declarations.formHeading') });
  await declare.getByLabel(t('runMeeting.declarations.member')).first().focus();
  await declare.getByLabel(t('runMeeting.declarations.member')).first().selectOption({ label: cast.declares });
  await declare.getByLabel(t('runMeeting.declarations.item')).selectOption(agenda.voteItem);
  await declare.getByLabel(t('runMeeting.declarations.kind')).selectOption('dpi');
  await declare.getByLabel(t('runMeeting.declarations.nature')).focus();
  await page.keyboard.type(nature);
  await declare.getByLabel(t('runMeeting.declarations.action')).selectOption('withdrew');
  await declare.getByRole('button', { name: t('runMeeting.declarations.submit') }).press('Enter');
  await expect(page.getByText(nature).first()).toBeVisible();

  // Timings: the items before the business item ran earlier (times given, as a clerk correcting
  // the record would, because a test cannot wait an hour); the business item started long enough
  // ago to overrun its indicative time. The chair then takes over from the keyboard.
  const live = await coreCall(page, 'getLiveAgenda', { meetingId });
  const order = live.items.map((i) => i.number);
  const business = live.items.find((i) => i.number === agenda.voteItem);
  if (business === undefined) throw new Error(`no item ${agenda.voteItem}`);
  // Overrun is against the agenda's indicative time; an agenda without one (Modern.gov publishes
  // none) shows the time taken and never an overrun.
  const planned = business.indicativeMinutes;
  const overrunMinutes = 12;
  const now = Date.now();
  const startOfBusiness = -((planned ?? 30) + overrunMinutes);
  const before = order.slice(0, order.indexOf(agenda.voteItem));
  for (const [index, number] of before.entries()) {
    await coreCall(page, 'startAgendaItem', { actingMemberId: chairId, meetingId, itemNumber: number, at: at(startOfBusiness - 5 * (before.length - index), now) });
  }
  await coreCall(page, 'startAgendaItem', { actingMemberId: chairId, meetingId, itemNumber: agenda.voteItem, at: at(startOfBusiness, now) });
  await page.reload();

  const businessLabel = t('runMeeting.agenda.itemLabel', { number: business.number, title: business.title });
  await expect(cockpit.getByRole('heading', { level: 2 })).toHaveText(businessLabel);
  await expect(cockpit).toContainText(t('runMeeting.cockpit.states.running'));
  // Who must leave before the item is discussed, on the item itself.
  await expect(cockpit.locator('.cockpit-declarations')).toContainText(
    t('runMeeting.cockpit.declaration', { name: cast.declares, kind: t('runMeeting.declarations.kinds.dpi'), action: t('runMeeting.declarations.actions.withdrew') }),
  );
  if (planned !== null) {
    await expect(cockpit.locator('.clock.is-over').first()).toContainText(t('runMeeting.cockpit.overBy'));
    await expect(cockpit.locator('.clock.is-over .clock-overrun').first()).toHaveText(new RegExp(`${escape(t('runMeeting.cockpit.overBy'))}\\s*${overrunMinutes}:\\d\\d`));
  } else {
    await expect(cockpit.locator('.clock').first()).toContainText(new RegExp(`${30 + overrunMinutes}:\\d\\d`));
    await expect(cockpit.locator('.clock.is-over')).toHaveCount(0);
  }
  await expect(page.locator('.shortcuts-help summary')).toHaveText(t('runMeeting.shortcuts.heading'));
  await expectNoAxeViolations(page, `cockpit with the item overrunning (${language})`);
  if (screenshots !== null) {
    // What the chair sees: a laptop, a smaller laptop, and 200% zoom (half the CSS pixels of 1280×800).
    for (const [width, height, name] of [
      [1366, 900, '1366x900'],
      [1280, 800, '1280x800'],
      [640, 400, 'zoom-200'],
      [1024, 768, 'tablet-1024x768'],
      [768, 1024, 'tablet-portrait-768'],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('.cockpit').scrollIntoViewIfNeeded();
      // Nothing wider than the window (the grids scroll inside themselves, as WCAG 1.4.10 allows for data tables).
      const wider = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && e.closest('.grid-scroll, .vote-grid') === null)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
          .slice(0, 5),
      );
      expect(wider, `no sideways scrolling at ${name}`).toEqual([]);
      await page.screenshot({ path: `test-results/screenshots/${screenshots}-${name}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // The shortcuts are listed; E ends the item being taken (pressed away from any field).
  await page.keyboard.press('?');
  await expect(page.locator('.shortcuts-help')).toHaveAttribute('open', '');
  await expect(page.locator('.shortcuts-help')).toContainText(t('runMeeting.shortcuts.actions.end'));
  await cockpit.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('e');
  await expect(cockpit).toContainText(t('runMeeting.cockpit.states.ended'));
  if (planned !== null) await expect(cockpit.locator('.clock.is-over').first()).toContainText(t('runMeeting.cockpit.overBy'));

  // The outcome form follows the item just taken: a recorded vote the withdrawn member is not in.
  await expect(page.getByLabel(t('runMeeting.outcome.itemChoice'))).toHaveValue(agenda.voteItem);
  const outcome = page.getByRole('form', { name: t('runMeeting.outcome.heading', { item: agenda.voteItem }) });
  const resolution = `The Panel recommends the contract on item ${agenda.voteItem} be awarded.`;
  await outcome.locator('#outcome-kind').focus();
  await outcome.locator('#outcome-kind').selectOption('resolved');
  await outcome.getByRole('textbox', { name: t('runMeeting.outcome.resolution') }).focus();
  await page.keyboard.type(resolution);
  await outcome.getByLabel(t('runMeeting.outcome.recorded')).focus();
  await page.keyboard.press('Space');
  const grid = outcome.locator('.vote-grid');
  await expect(grid.getByRole('row', { name: new RegExp(escape(cast.declares)) })).toContainText(t('runMeeting.vote.reasons.withdrew'));
  await expect(grid.getByRole('radiogroup', { name: cast.declares })).toHaveCount(0);
  // The co-opted member sits on the panel without a vote: the grid has no row for them to be put in.
  await expect(grid.getByRole('row', { name: new RegExp(escape(cast.coOpted)) })).toHaveCount(0);
  await expect(grid.getByRole('row', { name: new RegExp(escape(cast.apologises)) })).toContainText(t('runMeeting.vote.reasons.not-present'));
  const voters = await grid.getByRole('radiogroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label') ?? ''));
  for (const name of voters) {
    await grid.getByRole('radiogroup', { name, exact: true }).getByRole('radio', { name: t(name === cast.against ? 'runMeeting.outcome.sides.against' : 'runMeeting.outcome.sides.for'), exact: true }).focus();
    await page.keyboard.press('Space');
  }
  await expect(grid.getByRole('row', { name: new RegExp(`^${escape(t('runMeeting.vote.totals'))}`) })).toHaveText(new RegExp(`${escape(t('runMeeting.vote.totals'))}\\s*${voters.length - 1}\\s*1\\s*0\\s*0`));
  await outcome.getByRole('button', { name: t('runMeeting.outcome.submit') }).press('Enter');
  await expect(page.locator(`tr[data-item="${agenda.voteItem}"]`)).toContainText(t('runMeeting.outcome.kinds.resolved'));
  await expectNoAxeViolations(page, `recorded vote (${language})`);

  // An action on the item.
  const actionText = `Report the contract award to the Panel (item ${agenda.voteItem})`;
  const action = page.getByRole('form', { name: t('runMeeting.actions.formHeading', { item: agenda.voteItem }) });
  await action.getByRole('textbox', { name: t('runMeeting.actions.text'), exact: true }).focus();
  await page.keyboard.type(actionText);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Head of Digital');
  await action.getByRole('button', { name: t('runMeeting.actions.submit') }).press('Enter');
  await expect(page.locator('table').filter({ hasText: actionText })).toBeVisible();

  // A panel comment, drafted and agreed.
  const commentTitle = `Comment on item ${agenda.voteItem}`;
  const commentWords = 'The Panel asks that data protection be reviewed before the contract starts.';
  const newComment = page.getByRole('form', { name: t('runMeeting.comments.new') });
  await newComment.getByLabel(t('runMeeting.declarations.item')).focus();
  await newComment.getByLabel(t('runMeeting.declarations.item')).selectOption(agenda.voteItem);
  await newComment.getByLabel(t('runMeeting.comments.newTitle')).focus();
  await page.keyboard.type(commentTitle);
  await page.keyboard.press('Enter');
  const draft = page.getByLabel(t('runMeeting.comments.draft'));
  await draft.focus();
  await page.keyboard.type(commentWords);
  // The wording reaches the core as Yjs updates; agreeing names the text the chair saw.
  await expect(async () => {
    const [comment] = await coreCall(page, 'listPanelComments', { meetingId });
    expect(comment?.text).toBe(commentWords);
  }).toPass();
  await page.getByRole('button', { name: t('runMeeting.comments.agree') }).press('Enter');
  await expect(page.getByTestId('agreed-text')).toHaveText(commentWords);

  // N takes the next item; the speaking timer times a member against a limit; T stops it.
  const next = live.items[order.indexOf(agenda.voteItem) + 1];
  if (next === undefined) throw new Error('the business item must not be the last');
  await cockpit.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('n');
  await expect(cockpit.getByRole('heading', { level: 2 })).toHaveText(t('runMeeting.agenda.itemLabel', { number: next.number, title: next.title }));
  await expect(cockpit.getByRole('heading', { level: 2 })).toBeFocused();
  const timer = page.getByRole('region', { name: t('runMeeting.speaking.heading') });
  await timer.getByRole('combobox', { name: t('runMeeting.speaking.speaker'), exact: true }).focus();
  await timer.getByRole('combobox', { name: t('runMeeting.speaking.speaker'), exact: true }).selectOption({ label: cast.speaks });
  await timer.getByRole('combobox', { name: t('runMeeting.speaking.limit'), exact: true }).selectOption('2');
  await timer.getByRole('button', { name: t('runMeeting.speaking.start') }).press('Enter');
  await expect(timer).toContainText(t('runMeeting.speaking.speaking', { name: cast.speaks }));
  await page.keyboard.press('t');
  await expect(timer.getByRole('table')).toContainText(cast.speaks);
  await expectNoAxeViolations(page, `speaking timer (${language})`);

  // The rest of the agenda, by keyboard: E ends each item, N takes the next.
  for (const item of live.items.slice(order.indexOf(next.number) + 1)) {
    await page.keyboard.press('e');
    await expect(cockpit).toContainText(t('runMeeting.cockpit.states.ended'));
    await page.keyboard.press('n');
    await expect(cockpit.getByRole('heading', { level: 2 })).toHaveText(t('runMeeting.agenda.itemLabel', { number: item.number, title: item.title }));
  }
  await page.keyboard.press('e');
  await expect(cockpit).toContainText(t('runMeeting.cockpit.states.ended'));
  const ran = await coreCall(page, 'getLiveAgenda', { meetingId });
  const lastEnd = ran.items.map((i) => i.endedAt ?? '').sort().at(-1) ?? '';
  const endTime = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/London' }).format(new Date(lastEnd));

  // The Word minutes, exported from the minutes screen in the same language, hold exactly that.
  const m = phrases(language);
  await page.goto(`${origin}/#/meetings/${meetingId}/minutes`);
  await page.getByLabel(t('minutes.screen.exportLanguage')).selectOption(language);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: t('minutes.screen.export.docx'), exact: true }).press('Enter');
  const text = docxText(await (await download).path());
  const lines = text.split('\n');
  expect(text).toContain(m('minutes.document.ended', { time: endTime }));
  expect(text).toContain(m('minutes.attendance.substituteFor', { name: cast.substitute, for: cast.apologises }));
  expect(text).toContain(cast.coOpted);
  expect(text).toContain(nature);
  expect(text).toContain(m('minutes.declarations.actions.withdrew'));
  expect(text).toContain(resolution);
  expect(text).toContain(actionText);
  expect(text).toContain(commentWords);
  // The timed speaker, with the two-minute limit the chair set.
  expect(lines.some((l) => l.startsWith(`${cast.speaks} | `) && l.endsWith(` | ${m('minutes.speakers.duration', { minutes: 2, seconds: 0 })}`))).toBe(true);
  // The recorded vote names every voter on their side, and never the withdrawn member, the co-opted
  // member or the one who sent apologies.
  const voteRows = lines.filter((l) => new RegExp(`^[^|]+ \\| (${escape(m('minutes.votes.for'))}|${escape(m('minutes.votes.against'))}|${escape(m('minutes.votes.abstain'))})$`).test(l));
  expect(voteRows.map((l) => l.split(' | ')[0]).sort()).toEqual([...voters].sort());
  expect(voteRows.find((l) => l.startsWith(`${cast.against} |`))).toContain(m('minutes.votes.against'));
  for (const name of [cast.declares, cast.coOpted, cast.apologises]) expect(voteRows.some((l) => l.startsWith(`${name} |`))).toBe(false);
  return text;
}
