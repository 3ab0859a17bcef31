import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../shared/sync/openapi';
import { endpointRoutes, type EndpointRoute } from '../shared/sync/routes';
import { PullResponse, PushResponse, type Session } from '../shared/sync/wire';
import { january2022 } from '../electron/core/testing/samplePacks';
import { startTestEndpoint, type TestEndpoint } from './testing/testEndpoint';
import { openEndpointDatabase } from './start';

/**
 * The endpoint's own contract, checked over HTTP on 127.0.0.1 against a real embedded PostgreSQL:
 * the OpenAPI description against what is served, authorisation on every route (issue 9.7), and a
 * pull cursor that never skips a change committed late (issue 7.5).
 */
let endpoint: TestEndpoint;
let alice: Session;
let bryn: Session;
let revoked: Session;
let meetingId = '';

/** A member's draft question as a device sends it: private to its author. */
const privateQuestion = (authorMemberId: string, text: string) => ({
  meetingId,
  authorMemberId,
  itemNumber: '1',
  position: 0,
  text,
  annotationId: null,
  askedAt: null,
  answer: null,
  version: 0,
  createdAt: '2022-01-17T10:00:00Z',
  updatedAt: '2022-01-17T10:00:00Z',
});
let documentSha = '';

const committee = 'Corporate and Communities Overview and Scrutiny Panel';
const password = 'long enough password';

beforeAll(async () => {
  endpoint = await startTestEndpoint();
  await endpoint.addUser({ name: 'Alice Jones', email: 'alice@council.example', role: 'councillor', password, committees: [committee] });
  await endpoint.addUser({ name: 'Bryn Evans', email: 'bryn@council.example', role: 'councillor', password, committees: [committee] });
  alice = await endpoint.signIn('alice@council.example', password, 'Alice laptop');
  bryn = await endpoint.signIn('bryn@council.example', password, 'Bryn laptop');
  revoked = await endpoint.signIn('alice@council.example', password, 'Alice lost tablet');
  const gone = await fetch(`${endpoint.url}/v1/devices/${revoked.device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.accessToken}` } });
  expect(gone.status).toBeLessThan(300);
  const published = await endpoint.publish(
    { committee, title: 'Budget Scrutiny', date: '2022-01-17', startTime: '10:00', venue: 'County Hall', items: [{ number: '1', title: 'Apologies' }] },
    { file: january2022().path, restricted: true },
  );
  meetingId = published.meeting.id;
  documentSha = published.document?.sha256 ?? '';
}, 120_000);

afterAll(async () => {
  await endpoint.close();
});

const call = (route: EndpointRoute, token: string | null, init: RequestInit = {}) => {
  const path = route.path.replace('{id}', route.path.startsWith('/v1/devices') ? randomUUID() : meetingId).replace('{sha256}', documentSha);
  const query = route.path === '/v1/sync/pull' ? '?limit=10' : route.path.endsWith('/documents') && route.method === 'POST' ? '?title=x' : '';
  const body = route.body === undefined ? undefined : route.body === 'binary' ? new Uint8Array([37, 80, 68, 70]) : JSON.stringify({});
  const contentType = route.body === 'binary' ? 'application/pdf' : 'application/json';
  return fetch(`${endpoint.url}${path}${query}`, {
    method: route.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body }),
    ...init,
  });
};

describe('the endpoint description', () => {
  it('serves OpenAPI 3.1 listing exactly the routes it answers', async () => {
    const served = (await (await fetch(`${endpoint.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(served.openapi).toMatch(/^3\.1\./);
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument('test'))));
    const described = Object.entries(served.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const declared = Object.values(endpointRoutes).map((r: EndpointRoute) => `${r.method} ${r.path}`).sort();
    expect(described).toEqual(declared);
    // Every described route is really served: none answers "no such route". (A device of its own:
    // the walk signs itself out.)
    const walker = await endpoint.signIn('bryn@council.example', password, 'route walker');
    for (const route of Object.values(endpointRoutes) as EndpointRoute[]) {
      const answer = await call(route, walker.accessToken);
      const body = answer.status === 204 || answer.headers.get('content-type')?.includes('pdf') ? null : ((await answer.json()) as { error?: { message: string } });
      expect(body?.error?.message ?? '', `${route.method} ${route.path}`).not.toBe('No such route');
    }
    expect((await fetch(`${endpoint.url}/v1/nowhere`)).status).toBe(404);
  });
});

describe('authorisation on every route (issue 9.7)', () => {
  const guarded = (Object.values(endpointRoutes) as EndpointRoute[]).filter((r) => r.auth && r.path !== '/v1/auth/sign-out');

  it('refuses every guarded route without a token, with a made-up one and with a revoked device', async () => {
    for (const route of guarded) {
      const name = `${route.method} ${route.path}`;
      const none = await call(route, null);
      expect(none.status, `${name} without a token`).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code, name).toBe('UNAUTHENTICATED');
      expect((await call(route, 'made-up-token')).status, `${name} with a made-up token`).toBe(401);
      const gone = await call(route, revoked.accessToken);
      expect(gone.status, `${name} with a revoked device`).toBe(401);
      expect(((await gone.json()) as { error: { code: string } }).error.code, name).toBe('TOKEN_REVOKED');
    }
  });

  it("refuses a councillor the clerk's routes and another member's device", async () => {
    const publish = await fetch(`${endpoint.url}/v1/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ committee, title: 'Mine now', date: '2022-02-01', startTime: '10:00', venue: 'Home' }),
    });
    expect(publish.status).toBe(403);
    const addUser = await fetch(`${endpoint.url}/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve', email: 'eve@council.example', role: 'admin', password, committees: [] }),
    });
    expect(addUser.status).toBe(403);
    const brynsDevice = await fetch(`${endpoint.url}/v1/devices/${bryn.device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${alice.accessToken}` } });
    expect([403, 404]).toContain(brynsDevice.status);
    const stillIn = await fetch(`${endpoint.url}/v1/me`, { headers: { authorization: `Bearer ${bryn.accessToken}` } });
    expect(stillIn.status).toBe(200);
  });

  it('keeps a restricted (Part II) paper from a member of another committee', async () => {
    await endpoint.addUser({ name: 'Carys Owen', email: 'carys@council.example', role: 'councillor', password, committees: ['Planning Committee'] });
    const carys = await endpoint.signIn('carys@council.example', password);
    const refused = await fetch(`${endpoint.url}/v1/documents/${documentSha}`, { headers: { authorization: `Bearer ${carys.accessToken}` } });
    expect([403, 404]).toContain(refused.status);
    const member = await fetch(`${endpoint.url}/v1/documents/${documentSha}`, { headers: { authorization: `Bearer ${alice.accessToken}`, range: 'bytes=0-3' } });
    expect(member.status).toBe(206);
    expect(Buffer.from(await member.arrayBuffer()).toString('latin1')).toBe('%PDF');
  });

  it("never shows a member another member's private note, whatever they push or pull", async () => {
    const note = randomUUID();
    const push = (session: Session, body: unknown) =>
      fetch(`${endpoint.url}/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const mine = PushResponse.parse(
      await (await push(alice, { clientId: 'alice-laptop', mutations: [{ mutationId: randomUUID(), entity: 'question', entityId: note, baseVersion: 0, operation: 'create', payload: privateQuestion(alice.user.id, 'my private note') }] })).json(),
    );
    expect(mine.results[0]?.status).toBe('applied');
    // Bryn tries to overwrite it, then to delete it, then pulls everything.
    for (const operation of ['update', 'delete'] as const) {
      const theirs = PushResponse.parse(
        await (await push(bryn, { clientId: 'bryn-laptop', mutations: [{ mutationId: randomUUID(), entity: 'question', entityId: note, baseVersion: 1, operation, payload: privateQuestion(bryn.user.id, 'not yours') }] })).json(),
      );
      expect(theirs.results[0], operation).toMatchObject({ status: 'rejected' });
    }
    const pulled = PullResponse.parse(await (await fetch(`${endpoint.url}/v1/sync/pull?limit=1000`, { headers: { authorization: `Bearer ${bryn.accessToken}` } })).json());
    expect(pulled.changes.filter((c) => c.id === note)).toEqual([]);
    expect(JSON.stringify(pulled)).not.toContain('my private note');
    const own = await endpoint.records('alice@council.example', password);
    expect(own.find((r) => r.id === note)).toMatchObject({ version: 1, data: { text: 'my private note' } });
  });

  it("lets any member draft a panel comment but only the chair or clerk mark its wording agreed", async () => {
    const comment = randomUUID();
    const push = async (operation: 'create' | 'update', baseVersion: number, payload: Record<string, unknown>) =>
      PushResponse.parse(
        await (
          await fetch(`${endpoint.url}/v1/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: 'alice-laptop', mutations: [{ mutationId: randomUUID(), entity: 'panel_comment', entityId: comment, baseVersion, operation, payload }] }),
          })
        ).json(),
      ).results[0];
    const draft = { id: comment, meetingId, itemNumber: '1', title: 'Budget', createdBy: alice.user.id, createdAt: '2022-01-17T10:00:00Z' };
    expect(await push('create', 0, { ...draft, agreedText: 'Agreed by me alone', agreedBy: alice.user.id, agreedAt: '2022-01-17T11:00:00Z' })).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    expect(await push('create', 0, draft)).toMatchObject({ status: 'applied', version: 1 });
    expect(await push('update', 1, { ...draft, title: 'Budget gap' })).toMatchObject({ status: 'applied', version: 2 });
    expect(await push('update', 2, { ...draft, title: 'Budget gap', agreedText: 'Agreed by me alone', agreedBy: alice.user.id, agreedAt: '2022-01-17T11:00:00Z' })).toMatchObject({ status: 'rejected', reason: 'FORBIDDEN' });
    const stored = (await endpoint.records('alice@council.example', password)).find((r) => r.id === comment);
    expect(stored?.data).not.toHaveProperty('agreedText');
  });

  it('sets security headers, limits request size and never shows a stack trace', async () => {
    const answer = await fetch(`${endpoint.url}/v1/me`, { headers: { authorization: `Bearer ${alice.accessToken}` } });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const huge = await fetch(`${endpoint.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'x', mutations: [{ mutationId: 'm', entity: 'annotation', entityId: 'a', baseVersion: 0, operation: 'create', payload: 'x'.repeat(5 * 1024 * 1024) }] }),
    });
    expect(huge.status).toBe(413);
    const broken = await fetch(`${endpoint.url}/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' }, body: '{"clientId": ' });
    expect(broken.status).toBe(400);
    const text = await broken.text();
    expect(text).not.toMatch(/\bat .+\.(ts|js|cjs):\d+/);
    expect(text).not.toContain('stack');
  });
});

describe('the pull cursor', () => {
  it('never skips a change committed late by a concurrent transaction', async () => {
    const readAll = async (cursor: string) => PullResponse.parse(await (await fetch(`${endpoint.url}/v1/sync/pull?limit=1000&cursor=${cursor}`, { headers: { authorization: `Bearer ${alice.accessToken}` } })).json());
    const start = (await readAll('0.0')).cursor;

    // The admin tools join the running cluster, so this is a second real writer on the same data.
    const db = await openEndpointDatabase({ dataDir: `${endpoint.dataDir}/server` });
    const slow = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      const late = randomUUID();
      await slow.query(
        `INSERT INTO changes (entity, id, version, operation, deleted, data, owner_id, committee_id, private, restricted)
         SELECT 'panel_comment', $1, 1, 'create', false, '{"text":"committed late"}'::jsonb, NULL, committee_id, false, false FROM meetings WHERE id = $2`,
        [late, meetingId],
      );
      // Meanwhile a quicker writer commits a change of its own.
      const quick = randomUUID();
      const pushed = PushResponse.parse(
        await (
          await fetch(`${endpoint.url}/v1/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: 'alice-laptop', mutations: [{ mutationId: randomUUID(), entity: 'panel_comment', entityId: quick, baseVersion: 0, operation: 'create', payload: { meetingId, itemNumber: '1', title: 'committed first', createdBy: alice.user.id, createdAt: '2022-01-17T10:00:00Z' } }] }),
          })
        ).json(),
      );
      expect(pushed.results[0]?.status).toBe('applied');

      // While the slow transaction is open, the quick change is held back rather than served past it.
      const during = await readAll(start);
      expect(during.changes.map((c) => c.id)).not.toContain(quick);

      await slow.query('COMMIT');
      const after = await readAll(during.cursor);
      expect(after.changes.map((c) => c.id)).toEqual(expect.arrayContaining([late, quick]));
    } finally {
      slow.release();
      await db.close();
    }
  });
});
