import fs from 'node:fs';
import path from 'node:path';
import { startEndpoint, type RunningEndpoint } from '../../../endpoint/start';
import { MeetingDocument, PublishedMeeting, Session, User, type NewUser, type PublishMeeting } from '../../../shared/sync/wire';
import { makeTempDir } from './tempDir';

export interface TestEndpoint {
  url: string;
  dataDir: string;
  adminToken: string;
  addUser(user: NewUser): Promise<User>;
  publish(meeting: PublishMeeting, pdf?: { file: string; kind?: string; restricted?: boolean }): Promise<{ meeting: PublishedMeeting; document: MeetingDocument | null }>;
  /** Everything a user may pull, from the start: what the endpoint holds for them. */
  records(email: string, password: string): Promise<{ entity: string; id: string; version: number; deleted: boolean; data: unknown }[]>;
  signIn(email: string, password: string, deviceName?: string): Promise<Session>;
  /** Stops the server and PostgreSQL, keeping the data (a kill and restart keeps the same port). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const adminEmail = 'admin@council.example';
const adminPassword = 'admin password 1';

async function json<T>(response: Response, parse: (value: unknown) => T): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return parse(await response.json());
}

/**
 * The real endpoint (endpoint/) on 127.0.0.1 over a fresh embedded PostgreSQL in /tmp; its first
 * admin comes from the environment as in production.
 */
export async function startTestEndpoint(): Promise<TestEndpoint> {
  const dataDir = makeTempDir('chamber-endpoint-');
  // The embedded cluster runs as the postgres user when tests run as root: it must reach the folder.
  fs.chmodSync(dataDir, 0o755);
  const env = { CHAMBER_ENDPOINT_ADMIN_EMAIL: adminEmail, CHAMBER_ENDPOINT_ADMIN_PASSWORD: adminPassword };
  let port = 0;
  let running: RunningEndpoint | null = await startEndpoint({ port, host: '127.0.0.1', dataDir: path.join(dataDir, 'server'), version: 'test', logLevel: 'silent' }, env);
  const url = running.url;
  port = Number(new URL(url).port);

  const signIn = async (email: string, password: string, deviceName = 'test harness'): Promise<Session> =>
    json(await fetch(`${url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password, deviceName }) }), (v) => Session.parse(v));
  const admin = await signIn(adminEmail, adminPassword);
  const auth = { authorization: `Bearer ${admin.accessToken}` };

  const endpoint: TestEndpoint = {
    url,
    dataDir,
    adminToken: admin.accessToken,
    signIn,
    addUser: async (user) =>
      json(await fetch(`${url}/v1/users`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(user) }), (v) => User.parse(v)),
    publish: async (meeting, pdf) => {
      const published = await json(await fetch(`${url}/v1/meetings`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(meeting) }), (v) => PublishedMeeting.parse(v));
      if (!pdf) return { meeting: published, document: null };
      const query = new URLSearchParams({ title: path.basename(pdf.file), kind: pdf.kind ?? 'pack', restricted: String(pdf.restricted ?? false) });
      const document = await json(
        await fetch(`${url}/v1/meetings/${published.id}/documents?${query.toString()}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: fs.readFileSync(pdf.file) }),
        (v) => MeetingDocument.parse(v),
      );
      return { meeting: published, document };
    },
    records: async (email, password) => {
      const session = await signIn(email, password, 'inspector');
      const seen = new Map<string, { entity: string; id: string; version: number; deleted: boolean; data: unknown }>();
      let cursor = '';
      for (;;) {
        const page = (await (await fetch(`${url}/v1/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${session.accessToken}` } })).json()) as {
          changes: { entity: string; id: string; version: number; deleted: boolean; data: unknown }[];
          cursor: string;
          hasMore: boolean;
        };
        for (const c of page.changes) seen.set(`${c.entity}/${c.id}`, c);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      return [...seen.values()];
    },
    stop: async () => {
      await running?.close();
      running = null;
    },
    restart: async () => {
      running = await startEndpoint({ port, host: '127.0.0.1', dataDir: path.join(dataDir, 'server'), version: 'test', logLevel: 'silent' }, env);
    },
    close: async () => {
      await running?.close();
      running = null;
    },
  };
  return endpoint;
}
