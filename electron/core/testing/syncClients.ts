import { openCore, type Core, type CoreOptions } from '../core';
import type { InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import type { NewUser, User } from '../../../shared/sync/wire';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { january2022 } from './samplePacks';
import { distDir, makeTempDir } from './tempDir';
import { startTestEndpoint, type EndpointTopology, type TestEndpoint } from '../../../endpoint/testing/testEndpoint';

/** A published meeting a week ahead, inside the default pack window. */
export function upcomingMeeting(days = 7): { committee: string; title: string; date: string; startTime: string; venue: string; items: { number: string; title: string }[] } {
  return {
    committee: 'Planning Panel',
    title: 'Planning Panel',
    date: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10),
    startTime: '10:00',
    venue: 'County Hall',
    items: [
      { number: '1', title: 'Apologies' },
      { number: '2', title: 'Land at Heol y Nant' },
    ],
  };
}

export interface TestClient {
  core: Core;
  dataDir: string;
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
}

/** A real core over its own data directory; calls throw the error result so tests read plainly. */
export function openClient(dataDir = makeTempDir('chamber-client-'), options: Partial<CoreOptions> = {}): TestClient {
  const core = openCore({ dataDir, distDir, ...options });
  return {
    core,
    dataDir,
    call: async (name, input) => {
      const result = await core.call(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
}

export interface SyncFixture {
  endpoint: TestEndpoint;
  proxy: FaultProxy;
  user: User;
  meetingId: string;
  clients: TestClient[];
  /** A device syncing through the proxy. */
  device(options?: Partial<CoreOptions>): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * The real endpoint with one member and one published meeting with its pack, behind a fault proxy
 * (passing everything until a test sets faults).
 */
export async function syncFixture(member: NewUser & { password: string }, options: EndpointTopology = {}): Promise<SyncFixture> {
  const endpoint = await startTestEndpoint(options);
  const proxy = await startFaultProxy(endpoint.url);
  const user = await endpoint.addUser(member);
  const { meeting } = await endpoint.publish(upcomingMeeting(), { file: january2022().path });
  const clients: TestClient[] = [];
  return {
    endpoint,
    proxy,
    user,
    meetingId: meeting.id,
    clients,
    device: async (coreOptions = {}) => {
      const client = openClient(undefined, coreOptions);
      clients.push(client);
      await client.call('signInToEndpoint', { endpoint: proxy.url, email: member.email, password: member.password });
      return client;
    },
    close: async () => {
      for (const c of clients) c.core.close();
      await proxy.close();
      await endpoint.close();
    },
  };
}
