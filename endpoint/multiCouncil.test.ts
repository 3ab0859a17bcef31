import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { january2022, november2019 } from '../electron/core/testing/samplePacks';
import { openClient, upcomingMeeting, type TestClient } from '../electron/core/testing/syncClients';
import { Accounts } from './accounts';
import { audiencesOf } from './access';
import { createCouncil } from './councils';
import type { Database } from './db/postgres';
import { openEndpointDatabase } from './start';
import { pull, pullStatement } from './sync';
import { fillChangeLog } from './testing/changeHistory';
import { startTestEndpoint, type TestEndpoint } from './testing/testEndpoint';
import { MeetingDocument, PublishedMeeting, PullResponse, type Session, User, type MutationResult, type NewUser, type WireMutation } from '../shared/sync/wire';

/**
 * Issue 21.5: two councils on one endpoint, both with a "Planning Panel". Council A is the default
 * council the environment's first admin belongs to; council B is added as the operator would
 * (`chamber endpoint council add`) on the running endpoint's database. Everything crosses the
 * wire to the real endpoint on 127.0.0.1 over embedded PostgreSQL, and each council's honest
 * devices run the real sync engine.
 */
const committee = 'Planning Panel';
const people = {
  a: {
    clerk: { name: 'Emma James', email: 'clerk@a.example', role: 'clerk', password: 'a clerk password', committees: [committee] },
    member: { name: 'Cllr Alun Ash', email: 'alun@a.example', role: 'councillor', password: 'a member password', committees: [committee] },
  },
  b: {
    admin: { name: 'Bethan Admin', email: 'admin@b.example', password: 'b admin password' },
    clerk: { name: 'Bryn Clerk', email: 'clerk@b.example', role: 'clerk', password: 'b clerk password', committees: [committee] },
    member: { name: 'Cllr Bea Birch', email: 'bea@b.example', role: 'councillor', password: 'b member password', committees: [committee] },
  },
} satisfies Record<string, Record<string, Partial<NewUser>>>;

describe('two councils on one endpoint', () => {
  let endpoint: TestEndpoint;
  let db: Database;
  let councilB = '';
  const sessions = {} as Record<'aAdmin' | 'aClerk' | 'aMember' | 'bAdmin' | 'bClerk' | 'bMember', Session>;
  const users = {} as Record<'aClerk' | 'aMember' | 'bClerk' | 'bMember', User>;
  let meetingA: PublishedMeeting;
  let meetingB: PublishedMeeting;
  let packA: MeetingDocument;
  let packB: MeetingDocument;
  const clients: TestClient[] = [];

  const call = (session: Session, method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${endpoint.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${session.accessToken}`, ...(body === undefined ? {} : Buffer.isBuffer(body) ? { 'content-type': 'application/pdf' } : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
  const ok = async <T>(answer: Response, parse: (v: unknown) => T): Promise<T> => {
    expect(answer.ok, `${answer.status} ${await answer.clone().text()}`).toBe(true);
    return parse(await answer.json());
  };
  const publishAs = async (session: Session, meeting: ReturnType<typeof upcomingMeeting>, pdf: string): Promise<[PublishedMeeting, MeetingDocument]> => {
    const published = await ok(await call(session, 'POST', '/v1/meetings', meeting), (v) => PublishedMeeting.parse(v));
    const document = await ok(await call(session, 'POST', `/v1/meetings/${published.id}/documents?title=pack.pdf&kind=pack&restricted=false`, fs.readFileSync(pdf)), (v) => MeetingDocument.parse(v));
    return [published, document];
  };
  const everything = async (session: Session): Promise<PullResponse['changes']> => {
    const seen: PullResponse['changes'] = [];
    let cursor = '';
    for (;;) {
      const page = await ok(await call(session, 'GET', `/v1/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`), (v) => PullResponse.parse(v));
      seen.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return seen;
    }
  };
  const pushAs = async (session: Session, mutations: Partial<WireMutation>[]): Promise<string[]> => {
    const answer = await call(session, 'POST', '/v1/sync/push', { clientId: `raw-${session.device.id}`, mutations: mutations.map((m) => ({ mutationId: randomUUID(), entityId: randomUUID(), baseVersion: 0, operation: 'create', ...m })) });
    const results = await ok(answer, (v) => (v as { results: MutationResult[] }).results);
    return results.map((r) => (r.status === 'rejected' ? r.reason : r.status));
  };
  const meetingIds = (changes: PullResponse['changes']): string[] => changes.filter((c) => c.entity === 'meeting' && !c.deleted).map((c) => c.id).sort();
  const memberIds = (changes: PullResponse['changes']): string[] => changes.filter((c) => c.entity === 'member' && !c.deleted).map((c) => c.id).sort();

  beforeAll(async () => {
    endpoint = await startTestEndpoint();
    // The operator's command joins the running endpoint's cluster, as `chamber endpoint council add` does.
    db = await openEndpointDatabase({ dataDir: `${endpoint.dataDir}/server` });
    councilB = (await createCouncil(db.pool, 'Cyngor B', people.b.admin)).council.id;

    sessions.aAdmin = await endpoint.signIn('admin@council.example', 'admin password 1');
    sessions.bAdmin = await endpoint.signIn(people.b.admin.email, people.b.admin.password);
    users.aClerk = await ok(await call(sessions.aAdmin, 'POST', '/v1/users', people.a.clerk), (v) => User.parse(v));
    users.aMember = await ok(await call(sessions.aAdmin, 'POST', '/v1/users', people.a.member), (v) => User.parse(v));
    users.bClerk = await ok(await call(sessions.bAdmin, 'POST', '/v1/users', people.b.clerk), (v) => User.parse(v));
    users.bMember = await ok(await call(sessions.bAdmin, 'POST', '/v1/users', people.b.member), (v) => User.parse(v));
    sessions.aClerk = await endpoint.signIn(people.a.clerk.email, people.a.clerk.password);
    sessions.aMember = await endpoint.signIn(people.a.member.email, people.a.member.password);
    sessions.bClerk = await endpoint.signIn(people.b.clerk.email, people.b.clerk.password);
    sessions.bMember = await endpoint.signIn(people.b.member.email, people.b.member.password);

    [meetingA, packA] = await publishAs(sessions.aClerk, upcomingMeeting(7), january2022().path);
    [meetingB, packB] = await publishAs(sessions.bClerk, { ...upcomingMeeting(8), venue: 'Neuadd y Sir' }, november2019().path);
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.core.close();
    await db?.close();
    await endpoint?.close();
  });

  it('gives each council its own committee of the same name, and each user the council of their account', async () => {
    const rows = (await db.pool.query<{ council_id: string; name: string }>('SELECT council_id, name FROM committees ORDER BY council_id')).rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        { council_id: 'default', name: committee },
        { council_id: councilB, name: committee },
      ]),
    );
    expect(rows.filter((r) => r.name === committee)).toHaveLength(2);
    const councilOf = async (id: string) => (await db.pool.query<{ council_id: string }>('SELECT council_id FROM users WHERE id = $1', [id])).rows[0]?.council_id;
    expect([await councilOf(users.aMember.id), await councilOf(users.bMember.id)]).toEqual(['default', councilB]);
    const meetingCommittees = (await db.pool.query<{ committee_id: string }>('SELECT committee_id FROM meetings WHERE id = ANY($1) ORDER BY council_id = $2', [[meetingA.id, meetingB.id], councilB])).rows;
    expect(new Set(meetingCommittees.map((r) => r.committee_id)).size).toBe(2);
    // An email is one account on the whole endpoint: B's admin cannot make a second one in B.
    const taken = await call(sessions.bAdmin, 'POST', '/v1/users', { ...people.b.member, email: people.a.member.email });
    expect(taken.status).toBe(400);
  });

  it("pulls only the caller's council, for members and for clerks who serve every committee", async () => {
    for (const [session, own, other] of [
      [sessions.aMember, meetingA, meetingB],
      [sessions.aClerk, meetingA, meetingB],
      [sessions.bMember, meetingB, meetingA],
      [sessions.bClerk, meetingB, meetingA],
    ] as const) {
      const changes = await everything(session);
      expect(meetingIds(changes)).toEqual([own.id]);
      expect(changes.some((c) => c.id === other.id || (c.entity === 'meeting_document' && (c.data as { meetingId?: string } | null)?.meetingId === other.id))).toBe(false);
    }
    // The member register is each council's own.
    expect(memberIds(await everything(sessions.aClerk))).toEqual([users.aClerk.id, users.aMember.id].sort());
    expect(memberIds(await everything(sessions.bMember))).toEqual([users.bClerk.id, users.bMember.id].sort());
  });

  it("refuses to publish into, list or fetch another council's meetings and documents, even by naming their ids", async () => {
    const pdf = fs.readFileSync(january2022().path);
    expect((await call(sessions.aClerk, 'POST', `/v1/meetings/${meetingB.id}/documents?title=x.pdf&kind=supplement&restricted=false`, pdf)).status).toBe(404);
    expect((await call(sessions.aAdmin, 'GET', `/v1/meetings/${meetingB.id}/documents`)).status).toBe(404);
    expect((await call(sessions.aMember, 'GET', `/v1/documents/${packB.sha256}`)).status).toBe(404);
    expect((await call(sessions.bClerk, 'GET', `/v1/documents/${packA.sha256}`)).status).toBe(404);
    // Their own council's, as ever.
    expect((await call(sessions.aMember, 'GET', `/v1/documents/${packA.sha256}`)).status).toBe(200);
    const listed = await ok(await call(sessions.bMember, 'GET', `/v1/meetings/${meetingB.id}/documents`), (v) => v as { documents: MeetingDocument[] });
    expect(listed.documents.map((d) => d.sha256)).toEqual([packB.sha256]);
    // Publishing "Planning Panel" again from A lands under A's committee, never B's namesake.
    const again = await ok(await call(sessions.aClerk, 'POST', '/v1/meetings', upcomingMeeting(9)), (v) => PublishedMeeting.parse(v));
    const placed = (await db.pool.query<{ council_id: string }>('SELECT c.council_id FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = $1', [again.id])).rows;
    expect(placed).toEqual([{ council_id: 'default' }]);
    expect(meetingIds(await everything(sessions.bClerk))).toEqual([meetingB.id]);
  });

  it("refuses pushes into another council's meetings and records, and records owned by another council's members", async () => {
    // B's member keeps a register entry (council-wide business) and comments on B's meeting.
    const interestId = randomUUID();
    const interest = { id: interestId, memberId: users.bMember.id, category: 'employment', description: 'Employed by Ceredigion Farms', version: 0, createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z' };
    expect(await pushAs(sessions.bMember, [{ entity: 'registered_interest', entityId: interestId, payload: interest }])).toEqual(['applied']);

    const comment = { meetingId: meetingB.id, itemNumber: '1', title: 'Shared in B', createdAt: '2026-01-01T10:00:00.000Z' };
    const noteId = randomUUID();
    expect(await pushAs(sessions.bMember, [{ entity: 'panel_comment', entityId: noteId, payload: { ...comment, createdBy: users.bMember.id } }])).toEqual(['applied']);

    const forgedNoteId = randomUUID();
    const planted = randomUUID();
    const intoB = await pushAs(sessions.aClerk, [
      // A's clerk (who serves every committee of A) writes into B's meeting.
      { entity: 'panel_comment', entityId: forgedNoteId, payload: { ...comment, title: 'Forged by A', createdBy: users.aClerk.id } },
      // Or overwrites B's register entry and B's note by naming them.
      { entity: 'registered_interest', entityId: interestId, operation: 'update', baseVersion: 1, payload: { ...interest, description: 'Forged by A' } },
      { entity: 'registered_interest', entityId: interestId, operation: 'delete', baseVersion: 1, payload: null },
      { entity: 'panel_comment', entityId: noteId, operation: 'update', baseVersion: 1, payload: { ...comment, title: 'Forged by A', createdBy: users.bMember.id } },
      // Or takes the id of B's record for a record of A's own.
      { entity: 'panel_comment', entityId: noteId, payload: { ...comment, meetingId: meetingA.id, title: 'Forged by A', createdBy: users.aClerk.id } },
      // Or enters a register entry of A's own naming B's member as its owner.
      { entity: 'registered_interest', entityId: planted, payload: { ...interest, id: planted, description: 'Planted by A' } },
    ]);
    // The last by the database itself: a record's owner must be a user of the record's council.
    expect(intoB).toEqual(['UNKNOWN_MEETING', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'CONSTRAINT']);

    const bSees = await everything(sessions.bClerk);
    expect(bSees.find((c) => c.id === interestId)?.data).toMatchObject({ description: 'Employed by Ceredigion Farms' });
    expect(bSees.find((c) => c.id === noteId)?.data).toMatchObject({ title: 'Shared in B' });
    expect(bSees.some((c) => c.id === forgedNoteId || JSON.stringify(c.data ?? null).includes('by A'))).toBe(false);
    // And none of B's business reaches A.
    const aSees = await everything(sessions.aClerk);
    expect(aSees.some((c) => c.id === interestId || c.id === noteId)).toBe(false);
    const held = await db.pool.query<{ council_id: string; n: string }>("SELECT council_id, count(*) AS n FROM records WHERE entity = 'registered_interest' GROUP BY council_id");
    expect(held.rows).toEqual([{ council_id: councilB, n: '1' }]);
  });

  it("is no admin of another council: cannot revoke its devices or add users to it", async () => {
    expect((await call(sessions.aAdmin, 'DELETE', `/v1/devices/${sessions.bMember.device.id}`)).status).toBe(404);
    expect((await call(sessions.bMember, 'GET', '/v1/me')).status).toBe(200);
    // A user B's admin creates is B's, whatever committee name it gives.
    const added = await ok(await call(sessions.bAdmin, 'POST', '/v1/users', { name: 'Cllr Non Newydd', email: 'non@b.example', role: 'councillor', password: 'b newcomer password', committees: [committee, 'Licensing'] }), (v) => User.parse(v));
    const placed = (await db.pool.query<{ council_id: string }>('SELECT DISTINCT c.council_id FROM memberships m JOIN committees c ON c.id = m.committee_id WHERE m.user_id = $1', [added.id])).rows;
    expect(placed).toEqual([{ council_id: councilB }]);
    expect(memberIds(await everything(sessions.aMember))).not.toContain(added.id);
    // Its own admin still revokes within its council.
    const spare = await endpoint.signIn(people.b.member.email, people.b.member.password, 'spare');
    expect((await call(sessions.bAdmin, 'DELETE', `/v1/devices/${spare.device.id}`)).status).toBe(204);
  });

  it("syncs each council's devices normally: nothing pending, their own meeting, pack and register only", async () => {
    for (const [person, own, other, ownMembers] of [
      [people.a.member, meetingA, meetingB, [users.aClerk, users.aMember]],
      [people.b.member, meetingB, meetingA, [users.bClerk, users.bMember]],
    ] as const) {
      const device = openClient();
      clients.push(device);
      await device.call('signInToEndpoint', { endpoint: endpoint.url, email: person.email, password: person.password });
      await device.call('syncNow', {});
      await device.call('syncNow', {});
      expect((await device.call('getSyncStatus', {})).pending).toBe(0);
      const meetings = (await device.call('listMeetings', {})).map((m) => m.id);
      expect(meetings).toContain(own.id);
      expect(meetings).not.toContain(other.id);
      expect((await device.call('getMeetingPack', { meetingId: own.id }))?.pageCount).toBeGreaterThan(0);
      const members = (await device.call('listMembers', {})).map((m) => m.id);
      for (const member of ownMembers) expect(members).toContain(member.id);
      for (const foreign of Object.values(users).filter((u) => !ownMembers.some((m) => m.id === u.id))) expect(members).not.toContain(foreign.id);
    }
  }, 180_000);

  it("reads a clerk's up-to-date pull with one audience-index probe per audience of their own council, over the other council's long history", async () => {
    await fillChangeLog(db.pool, 100_000, (await db.pool.query<{ id: string }>("SELECT id FROM committees WHERE council_id = 'default'")).rows.map((r) => r.id));
    await db.pool.query('ANALYZE changes');
    const accounts = new Accounts(db.pool, () => new Date());
    const clerkB = await accounts.authenticate(`Bearer ${sessions.bClerk.accessToken}`);
    expect(clerkB.councilId).toBe(councilB);
    const every = (await db.pool.query<{ id: string }>('SELECT id FROM committees WHERE council_id = $1', [councilB])).rows.map((r) => r.id);
    const { cursor } = await pull(db.pool, clerkB, undefined, 1_000_000);
    const [xid = '', seq = ''] = cursor.split('.');
    const statement = pullStatement(clerkB, [xid, seq], 1000, every);
    // B's audiences only: its register, its committees, the clerk's own records; none of A's committees.
    const aCommittees = (await db.pool.query<{ id: string }>("SELECT id FROM committees WHERE council_id = 'default'")).rows.map((r) => `committee:${r.id}`);
    expect(statement.values[3]).toEqual(audiencesOf(clerkB, every));
    expect((statement.values[3] as string[]).filter((a) => aCommittees.includes(a) || a.startsWith('council:default'))).toEqual([]);
    const explained = await db.pool.query<{ 'QUERY PLAN': { Plan: Record<string, unknown> }[] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, statement.values);
    const nodes: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>): void => {
      nodes.push(node);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(explained.rows[0]?.['QUERY PLAN'][0]?.Plan ?? {});
    const onChanges = nodes.filter((n) => n['Relation Name'] === 'changes');
    expect(onChanges.map((n) => n['Index Name'])).toEqual(['changes_by_audience']);
    expect(onChanges[0]?.['Actual Loops']).toBe(audiencesOf(clerkB, every).length);
    expect(onChanges[0]?.['Actual Rows']).toBe(0);
  }, 120_000);
});
