import fs from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { startFaultProxy, type FaultProxy } from '../../electron/core/testing/faultProxy';
import { january2022 } from '../../electron/core/testing/samplePacks';
import { openClient, upcomingMeeting } from '../../electron/core/testing/syncClients';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';
import { coreCall } from '../coreCall';
import { expect, expectNoAxeViolations, test } from '../fixtures';

const member = { name: 'Cllr Ffion Hughes', email: 'ffion@council.example', role: 'councillor' as const, password: 'ffion password 1', committees: ['Planning Panel'] };

test.describe('sync with the council endpoint', () => {
  let endpoint: TestEndpoint;
  let proxy: FaultProxy;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    endpoint = await startTestEndpoint();
    // The member's connection: it passes everything until the test takes the laptop offline.
    proxy = await startFaultProxy(endpoint.url);
  });
  test.afterAll(async () => {
    await proxy?.close();
    await endpoint?.close();
  });

  test('sign in, download the published pack, annotate and declare offline, reconnect; the endpoint and a second device have it', async ({ app }) => {
    test.skip(app.origin === null, 'The endpoint and the second device run beside the browser host in this process.');
    test.setTimeout(180_000);
    const { page } = app;
    const user = await endpoint.addUser(member);
    const { meeting } = await endpoint.publish(upcomingMeeting(), { file: january2022().path });

    // Sign in from the sign-in screen; the first sync downloads the pack.
    await page.goto(`${app.origin}/#/sign-in`);
    await expect(page.getByRole('heading', { level: 1, name: 'Council sign-in and sync' })).toBeVisible();
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByLabel('Council server address').fill(proxy.url);
    await page.getByLabel('Email address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(`Signed in as ${member.name} (${member.email})`)).toBeVisible({ timeout: 30_000 });
    // The meeting, its pack and the member in the council's register.
    await expect(page.getByText('Sent 0, received 3, 0 to check.')).toBeVisible({ timeout: 60_000 });
    await expectNoAxeViolations(page, 'signed in and synced');

    // How far ahead packs download is the member's choice; the offline limit is the council's.
    await expect(page.getByText('Your council allows 30 days without reaching its server')).toBeVisible();
    await page.getByLabel('Download packs for meetings in the next').selectOption({ label: '8 weeks' });
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect((await coreCall(page, 'getSyncStatus', {})).packWeeks).toBe(8);

    // The published meeting opens in the reader like any imported pack.
    await page.goto(`${app.origin}/#/meetings/${meeting.id}`);
    await page.getByRole('link', { name: 'Open pack' }).click();
    const firstPage = page.locator('.pdf-page[data-page="1"]');
    await expect(firstPage).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

    // Offline: the connection drops everything.
    proxy.setFaults(() => 'drop-before');
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Sticky note' }).click();
    await firstPage.locator('.annotation-layer').click({ position: { x: 40, y: 60 } });
    const editor = page.getByRole('dialog', { name: 'New sticky note' });
    await editor.getByLabel('Text').fill('Ask about the flood risk assessment');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Note: Ask about the flood risk assessment' })).toBeVisible();
    const item = (await coreCall(page, 'getMeetingPack', { meetingId: meeting.id }))?.items[0]?.number ?? '1';
    const declaration = await coreCall(page, 'recordDeclaration', {
      actingMemberId: user.id,
      declaration: {
        memberId: user.id,
        meetingId: meeting.id,
        itemNumber: item,
        kind: 'other-registrable',
        nature: 'My partner works for the applicant',
        action: 'remained',
        declaredAt: { when: 'declarations-item' },
        scope: { whole: true },
        preDeclared: false,
        confirmedByChair: false,
      },
    });

    // Still offline: the header counts the changes to send and links to what they are.
    await page.goto(`${app.origin}/#/sign-in`);
    await expect(page.locator('.sync-indicator')).toContainText('changes to send', { timeout: 15_000 });
    await page.locator('.sync-indicator').getByRole('link', { name: /changes to send/ }).click();
    await expect(page.getByRole('heading', { name: 'Changes to send' })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Changes to send' })).toContainText('Notes and highlights: 1');

    // Back online; sync now sends them.
    proxy.setFaults(() => 'pass');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText(/^Sent [1-9]\d*, received/)).toBeVisible({ timeout: 90_000 });
    await expect(page.locator('.sync-facts dd').nth(2)).toHaveText('0');

    // On the endpoint.
    const records = await endpoint.records(member.email, member.password);
    expect(records.find((r) => r.entity === 'annotation')?.data).toMatchObject({ body: 'Ask about the flood risk assessment', meetingId: meeting.id });
    expect(records.find((r) => r.entity === 'declaration' && r.id === declaration.id)?.data).toMatchObject({ nature: 'My partner works for the applicant' });

    // On the member's second device.
    const tablet = openClient();
    try {
      await tablet.call('signInToEndpoint', { endpoint: endpoint.url, email: member.email, password: member.password });
      await tablet.call('syncNow', {});
      expect((await tablet.call('listAnnotations', { actingMemberId: user.id, meetingId: meeting.id })).map((a) => a.body)).toEqual(['Ask about the flood risk assessment']);
      expect((await tablet.call('listDeclarations', { meetingId: meeting.id })).map((d) => d.nature)).toEqual(['My partner works for the applicant']);
    } finally {
      tablet.core.close();
    }
  });

  test('a meeting published as agenda items and papers opens as one pack; a paper that cannot be read is named on the sync screen', async ({ app }) => {
    test.skip(app.origin === null, 'The endpoint runs beside the browser host in this process.');
    test.setTimeout(180_000);
    const { page } = app;
    const colleague = { ...member, name: 'Cllr Rhys Evans', email: 'rhys@council.example', password: 'rhys password 1' };
    await endpoint.addUser(colleague);
    const items = [
      { number: '1', title: 'Allotment rents', restricted: false },
      { number: '2', title: 'Cemetery extension', restricted: false },
    ];
    const { meeting: joined } = await endpoint.publish({ ...upcomingMeeting(5), title: 'Allotments and cemeteries', items });
    // Uploaded out of agenda order: the pack follows the agenda, not the upload.
    await endpoint.upload(joined.id, { bytes: await paper('Cemetery extension report'), title: 'Cemetery extension report', kind: 'report', itemNumber: '2' });
    await endpoint.upload(joined.id, { bytes: await paper('Allotment rents report'), title: 'Allotment rents report', kind: 'report', itemNumber: '1' });
    const { meeting: broken } = await endpoint.publish({ ...upcomingMeeting(6), title: 'Car parking charges', items: [{ number: '1', title: 'Charges', restricted: false }] });
    await endpoint.upload(broken.id, { bytes: await paper('Charges report'), title: 'Charges report', kind: 'report', itemNumber: '1' });
    await endpoint.upload(broken.id, { bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), fs.readFileSync(january2022().path).subarray(4000, 8000)]), title: 'Tariff appendix', kind: 'appendix', itemNumber: '1' });

    await page.goto(`${app.origin}/#/sign-in`);
    await page.getByLabel('Council server address').fill(endpoint.url);
    await page.getByLabel('Email address').fill(colleague.email);
    await page.getByLabel('Password').fill(colleague.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const missing = page.getByRole('region', { name: 'Papers not downloaded' });
    await expect(missing).toBeVisible({ timeout: 60_000 });
    await expect(missing.getByRole('listitem')).toHaveCount(1);
    await expect(missing.getByRole('listitem')).toContainText('Tariff appendix, for Car parking charges');
    await expectNoAxeViolations(page, 'a paper not downloaded');

    // The joined meeting's agenda leads to its papers in the reader, in agenda order.
    await page.goto(`${app.origin}/#/meetings/${joined.id}`);
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(page.locator('.pdf-page[data-page="1"]')).toContainText('Allotment rents report');
    const pack = await coreCall(page, 'getMeetingPack', { meetingId: joined.id });
    expect(pack?.items.map((i) => [i.number, i.title, i.pdfPages])).toEqual([
      ['1', 'Allotment rents', { from: 1, to: 1 }],
      ['2', 'Cemetery extension', { from: 2, to: 2 }],
    ]);
  });
});

/** A one-page PDF whose text is its title, as a report's first page would be. */
async function paper(title: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 18, font });
  return pdf.save();
}
