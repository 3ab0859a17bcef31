import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDataDatabase } from '../core/testing/dataDatabase';
import { makeTempDir } from '../core/testing/tempDir';
import { passphraseEnv } from '../core/security/keyStore';
import { startBrowserHost, type BrowserHost } from './server';

const dist = path.resolve(import.meta.dirname, '../../dist');
const hosts: BrowserHost[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});

async function start(dataDir: string): Promise<BrowserHost> {
  const host = await startBrowserHost({
    dataDir,
    rendererDir: makeTempDir('chamber-renderer-'),
    coreEntry: path.join(dist, 'core', 'worker.cjs'),
    unlock: { passphrase: process.env[passphraseEnv] ?? 'unset' },
  });
  hosts.push(host);
  return host;
}

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; issues?: { path: (string | number)[] }[] } };

/** A raw HTTP call with the launch token, as a modified page or a script on the machine would make it. */
async function post(host: BrowserHost, operation: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${host.origin}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

async function ok(host: BrowserHost, operation: string, body: unknown): Promise<Record<string, unknown>> {
  const answer = await post(host, operation, body);
  if (!answer.ok) throw new Error(`${operation}: ${answer.error.code}`);
  return answer.value;
}

const snapshot = (dataDir: string) => {
  const db = openDataDatabase(dataDir, { readonly: true });
  try {
    const rows = (sql: string) => db.prepare(sql).all();
    return {
      roles: rows('SELECT meeting_id, member_id, role FROM meeting_roles ORDER BY member_id'),
      outcomes: rows('SELECT * FROM outcomes'),
      outbox: rows('SELECT entity, entity_id, operation FROM outbox ORDER BY seq'),
      history: rows('SELECT entity, actor_member_id, op FROM meeting_history ORDER BY id'),
      choices: rows('SELECT member_id, previous_member_id, via FROM acting_member_history ORDER BY id'),
    };
  } finally {
    db.close();
  }
};

describe('who is acting, through the browser host', () => {
  it("refuses a member's device that claims to be the chair, writing nothing; the chair's own recorded choice works", async () => {
    const dataDir = makeTempDir();
    const host = await start(dataDir);
    for (const [id, name] of [['rouse', 'Cllr Mike Rouse'], ['aled', 'Cllr Aled'], ['clerk', 'Emma James']]) await ok(host, 'saveMember', { id, name });
    const { jobId } = await ok(host, 'openSamplePack', {});
    let job = await ok(host, 'getJob', { jobId });
    while (job.state === 'running') job = await ok(host, 'getJob', { jobId });
    const meetingId = String((job.result as { meetingId: string }).meetingId);

    // The front sheet made Cllr Rouse the chair; the chair names the clerk, then the clerk sets the
    // meeting up on this device, each by an explicit choice of who uses it.
    expect(await ok(host, 'chooseMember', { memberId: 'rouse' })).toMatchObject({ memberId: 'rouse', source: 'chosen', memberName: 'Cllr Mike Rouse' });
    await ok(host, 'setMeetingRole', { actingMemberId: 'rouse', meetingId, memberId: 'clerk', role: 'clerk' });
    expect(await ok(host, 'chooseMember', { memberId: 'clerk' })).toMatchObject({ memberId: 'clerk', source: 'chosen', memberName: 'Emma James' });
    await ok(host, 'setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'rouse', role: 'chair' });
    await ok(host, 'setMeetingRole', { actingMemberId: 'clerk', meetingId, memberId: 'aled', role: 'member' });
    // Then the device is Cllr Aled's.
    await ok(host, 'chooseMember', { memberId: 'aled' });
    const before = snapshot(dataDir);

    // A hostile caller claims to be the chair in the input: refused before any handler runs.
    for (const [operation, input] of [
      ['setMeetingRole', { actingMemberId: 'rouse', meetingId, memberId: 'aled', role: 'chair' }],
      ['recordOutcome', { actingMemberId: 'rouse', outcome: { meetingId, itemNumber: '5', kind: 'agreed', resolution: 'Agreed as the chair' } }],
      ['startAgendaItem', { actingMemberId: 'clerk', meetingId, itemNumber: '5' }],
    ] as const) {
      const answer = await post(host, operation, input);
      expect(answer.ok, operation).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('NOT_ACTING_MEMBER');
        expect(answer.error.issues?.map((i) => i.path.join('.'))).toEqual(['actingMemberId']);
      }
    }
    // As who it really is, the member cannot preside either.
    const asSelf = await post(host, 'recordOutcome', { actingMemberId: 'aled', outcome: { meetingId, itemNumber: '5', kind: 'agreed', resolution: 'Agreed' } });
    expect(asSelf.ok ? null : asSelf.error.code).toBe('FORBIDDEN');
    expect(snapshot(dataDir)).toEqual(before);
    expect(before.outcomes).toEqual([]);
    expect(before.roles).toContainEqual({ meeting_id: meetingId, member_id: 'rouse', role: 'chair' });

    // The chair takes the device: one explicit choice, recorded, then the chair's outcome stands.
    expect(await ok(host, 'getIdentity', {})).toMatchObject({ memberId: 'aled', source: 'chosen', canChoose: true });
    await ok(host, 'chooseMember', { memberId: 'rouse' });
    await ok(host, 'recordOutcome', { actingMemberId: 'rouse', outcome: { meetingId, itemNumber: '5', kind: 'agreed', resolution: 'The Panel agreed its comments' } });
    const after = snapshot(dataDir);
    expect(after.outcomes).toHaveLength(1);
    expect(after.history.at(-1)).toMatchObject({ entity: 'outcome', actor_member_id: 'rouse' });
    expect(after.outbox.filter((o) => (o as { entity: string }).entity === 'outcome')).toHaveLength(1);
    expect(after.choices).toEqual([
      { member_id: 'rouse', previous_member_id: expect.stringMatching(/^local-[0-9a-f]{32}$/) as unknown, via: 'app' },
      { member_id: 'clerk', previous_member_id: 'rouse', via: 'app' },
      { member_id: 'aled', previous_member_id: 'clerk', via: 'app' },
      { member_id: 'rouse', previous_member_id: 'aled', via: 'app' },
    ]);
    const listed = await post(host, 'listActingMemberChoices', {});
    expect(listed.ok && (listed.value as unknown as { memberId: string }[]).map((c) => c.memberId)).toEqual(['rouse', 'clerk', 'aled', 'rouse']);
  });
});
