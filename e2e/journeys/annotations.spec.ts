import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { spawnBrowserHost, type SpawnedHost } from '../../electron/host/spawnHost';
import { expect, expectNoAxeViolations, test } from '../fixtures';
import { selectText } from '../selectText';

interface Location {
  pdfPage: number;
}
const dist = path.resolve(import.meta.dirname, '..', '..', 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'sample-packs', 'manifest.json'), 'utf8')) as {
  packs: { pageCount: number; revisions?: { moved: { item: number; text: string; before: Location }[] } }[];
};
const revised = manifest.packs.find((p) => p.revisions);
const sentence = revised?.revisions?.moved.find((m) => m.text.startsWith('In the 2021 calendar year'));
if (!sentence) throw new Error('dist/sample-packs/manifest.json has no moved passage; run node scripts/build.mjs');
const { text: passage, before } = sentence;

/** Where each annotation is drawn, as fractions of its page's box (so zoom does not matter). */
async function drawnBoxes(page: Page, pageNumber: number) {
  return page.evaluate((pageNumber) => {
    const pageElement = document.querySelector(`.pdf-page[data-page="${pageNumber}"]`);
    if (!pageElement) return [];
    const box = pageElement.getBoundingClientRect();
    return [...pageElement.querySelectorAll<HTMLElement>('[data-annotation-id]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { kind: el.className.split(' ')[0], x: (r.left - box.left) / box.width, y: (r.top - box.top) / box.height, w: r.width / box.width, h: r.height / box.height };
    }).sort((a, b) => (a.kind ?? '').localeCompare(b.kind ?? '') || a.y - b.y || a.x - b.x);
  }, pageNumber);
}

test.describe('annotations', () => {
  test('highlight a sentence and add a note; after a reload both are where they were; questions; axe', async ({ app }) => {
    test.setTimeout(180_000);
    const { page } = app;
    await page.getByRole('button', { name: 'Open sample pack' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Agenda pack' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Open pack' }).click();
    await expect(page.locator('.pdf-page[data-page="1"]')).toHaveAttribute('data-state', 'ready');
    await page.getByLabel('Go to page').fill(String(before.pdfPage));
    await page.getByLabel('Go to page').press('Enter');
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);

    // Highlight: select the sentence, then the Highlight tool.
    await selectText(page, before.pdfPage, passage);
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Highlight', exact: true }).click();
    const thisPage = page.locator(`.pdf-page[data-page="${before.pdfPage}"]`);
    await expect(thisPage.locator('.mark-highlight').first()).toBeVisible();

    // Sticky note: choose the tool, click beside the sentence, write, save.
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Sticky note' }).click();
    const mark = await thisPage.locator('.mark-highlight').first().boundingBox();
    const pageBox = await thisPage.boundingBox();
    if (!mark || !pageBox) throw new Error('no highlight drawn');
    await thisPage.locator('.annotation-layer').click({ position: { x: 20, y: mark.y - pageBox.y + 2 } });
    const editor = page.getByRole('dialog', { name: 'New sticky note' });
    await expect(editor).toBeVisible();
    await expectNoAxeViolations(page, 'reader with the note editor');
    await editor.getByLabel('Text').fill('Ask how many were refused');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('button', { name: 'Note: Ask how many were refused' })).toBeVisible();

    // Undo removes the note, redo brings it back (both saved through the core).
    await page.getByRole('toolbar', { name: 'Annotation tools' }).getByRole('button', { name: 'Select', exact: true }).click();
    await page.getByRole('region', { name: 'Pack pages' }).focus();
    await page.keyboard.press('Control+z');
    await expect(page.getByRole('button', { name: 'Note: Ask how many were refused' })).toHaveCount(0);
    await page.keyboard.press('Control+Shift+z');
    await expect(page.getByRole('button', { name: 'Note: Ask how many were refused' })).toBeVisible();

    // The panel lists both; a question drafted from the highlight.
    await page.getByRole('tab', { name: 'Annotations' }).click();
    const entries = page.locator('[data-annotation-entry]');
    await expect(entries).toHaveCount(2);
    await expect(entries.filter({ hasText: passage })).toHaveCount(1);
    await expectNoAxeViolations(page, 'reader with the annotations panel');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    expect((await download).suggestedFilename()).toMatch(/annotations\.docx$/);
    await entries.filter({ hasText: passage }).getByRole('button', { name: 'Ask a question about this' }).click();
    await expect(page.getByLabel('New question')).toHaveValue(/179 individual data sharing requests/);
    await page.getByRole('button', { name: 'Add question' }).click();
    const question = page.locator('[data-question]');
    await expect(question).toHaveCount(1);
    await question.getByLabel('Asked').click();
    await expect(question.getByLabel('Asked')).toBeChecked();
    await expectNoAxeViolations(page, 'reader with questions');

    const beforeReload = await drawnBoxes(page, before.pdfPage);
    expect(beforeReload.map((b) => b.kind).sort()).toEqual(expect.arrayContaining(['annotation-mark', 'annotation-note']));

    await page.reload();
    await expect(page.locator('.page-indicator')).toContainText(`Page ${before.pdfPage} of`);
    await expect(page.getByRole('button', { name: 'Note: Ask how many were refused' })).toBeVisible();
    await expect(thisPage.locator('.mark-highlight').first()).toBeVisible();
    const afterReload = await drawnBoxes(page, before.pdfPage);
    expect(afterReload).toHaveLength(beforeReload.length);
    afterReload.forEach((box, i) => {
      const was = beforeReload[i];
      expect(box.kind).toBe(was?.kind);
      // A note's marker is an icon of fixed screen size (readable at any zoom), so only where it sits
      // is relative to the page; a mark's rectangles are the text's, so their size is too.
      const keys = box.kind === 'annotation-note' ? (['x', 'y'] as const) : (['x', 'y', 'w', 'h'] as const);
      for (const key of keys) expect(Math.abs(box[key] - (was?.[key] ?? -1)), key).toBeLessThan(0.002);
    });
    await page.getByRole('tab', { name: 'Questions' }).click();
    await expect(page.locator('[data-question]').getByLabel('Asked')).toBeChecked();
  });

  // Playwright reads fixture dependencies from the destructuring pattern; this one needs none.
  // eslint-disable-next-line no-empty-pattern
  test('an annotation acknowledged by the core survives the core being killed at once', async ({}, testInfo) => {
    test.skip(testInfo.project.metadata.host === 'electron', 'drives the browser host process directly; the same core runs in Electron');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamber-e2e-kill-'));
    const call = async (host: SpawnedHost, name: string, input: unknown) => {
      const token = new URL(host.url).searchParams.get('token') ?? '';
      const response = await fetch(`${host.origin}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? 'failed'}`);
      return body.value as Record<string, unknown>;
    };

    const first = await spawnBrowserHost(dist, dataDir);
    const { jobId } = (await call(first, 'openSamplePack', {})) as { jobId: string };
    let job: Record<string, unknown> = {};
    await expect.poll(async () => ((job = await call(first, 'getJob', { jobId })), job.state), { timeout: 30_000 }).toBe('succeeded');
    const meetingId = (job.result as { meetingId: string }).meetingId;
    const { memberId } = (await call(first, 'getLocalMember', {})) as { memberId: string };
    const saved = await call(first, 'createAnnotation', {
      actingMemberId: memberId,
      annotation: { meetingId, kind: 'highlight', colour: '#ffd60a', pageIndex: before.pdfPage - 1, exact: passage },
    });
    // Acknowledged: kill at once, no chance to flush or close anything.
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;

    const second = await spawnBrowserHost(dist, dataDir);
    try {
      const list = (await call(second, 'listAnnotations', { actingMemberId: memberId, meetingId })) as unknown as { id: string; quote: { exact: string }; rects: unknown[] }[];
      expect(list.map((a) => a.id)).toEqual([saved.id]);
      expect(list[0]?.quote.exact).toBe(passage);
      expect(list[0]?.rects).toEqual(saved.rects);
    } finally {
      await second.stop();
    }
  });
});
