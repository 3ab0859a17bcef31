import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointCallError, EndpointClient } from '../core/sync/endpointClient';
import { chamberAsync } from '../core/testing/chamberCli';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { publishPastMeeting } from '../core/testing/pastMeeting';
import { makeTempDir } from '../core/testing/tempDir';
import { startTestEndpoint, type TestEndpoint } from '../../endpoint/testing/testEndpoint';

const chamber = chamberAsync;

const councillor = { name: 'Cllr Eleri Morgan', email: 'eleri@council.example', role: 'councillor' as const, password: 'eleri password 1', committees: ['Planning Panel'] };
const officer = { name: 'Dafydd Price', email: 'dafydd@council.example', role: 'officer' as const, password: 'dafydd password 1', committees: ['Planning Panel'] };

interface Printed {
  source: string;
  stored: number;
  refused: unknown[];
  packVersion: number | null;
  pageCount: number | null;
}

const packsOf = (dataDir: string, meetingId: string) => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM packs WHERE meeting_id = ?').get(meetingId)?.n ?? 0;
  } finally {
    db.close();
  }
};

describe('chamber papers download', () => {
  let endpoint: TestEndpoint;
  let published: Awaited<ReturnType<typeof publishPastMeeting>>;
  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    await endpoint.addUser(councillor);
    await endpoint.addUser(officer);
    published = await publishPastMeeting(endpoint);
  }, 120_000);
  afterAll(() => endpoint?.close());

  const signedIn = async (who: typeof councillor | typeof officer) => {
    const dataDir = makeTempDir();
    const sync = await chamber(['sync', '--endpoint', endpoint.url, '--email', who.email, '--password', who.password, '--data-dir', dataDir, '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    // The meeting is past: the automatic window left its papers where they were.
    expect(packsOf(dataDir, published.meeting.id)).toBe(0);
    return dataDir;
  };

  it("fetches a past meeting's papers on demand, Part II included for an entitled member", async () => {
    const dataDir = await signedIn(councillor);
    const run = await chamber(['papers', 'download', '--meeting', published.meeting.id, '--data-dir', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout) as Printed).toMatchObject({ source: 'endpoint', stored: 2, refused: [], packVersion: 1, pageCount: 2 });
    // Asked again: nothing new to fetch, the same pack.
    const again = await chamber(['papers', 'download', '--meeting', published.meeting.id, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(again.stdout) as Printed).toMatchObject({ stored: 2, packVersion: 1 });
  });

  it('keeps a Part II paper from a member not entitled to it', async () => {
    const dataDir = await signedIn(officer);
    const run = await chamber(['papers', 'download', '--meeting', published.meeting.id, '--data-dir', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout) as Printed).toMatchObject({ source: 'endpoint', stored: 1, packVersion: 1, pageCount: 1 });
    const session = await endpoint.signIn(officer.email, officer.password, 'checker');
    const refused = await new EndpointClient({ baseUrl: endpoint.url }).documentBytes(session.accessToken, published.exempt.sha256, 0).then(
      () => null,
      (error: unknown) => (error instanceof EndpointCallError ? error.code : 'other'),
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(refused);
  });

  it('refuses a meeting whose papers come from nowhere it can ask', async () => {
    const dataDir = makeTempDir();
    const made = await chamber(['meetings', 'add', '--title', 'Local', '--committee', 'Local', '--date', '2026-01-05', '--time', '10:00', '--venue', 'Hall', '--data-dir', dataDir, '--json']);
    const meetingId = (JSON.parse(made.stdout) as { id: string }).id;
    const run = await chamber(['papers', 'download', '--meeting', meetingId, '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/NOT_FOUND/);
  });
});
