import { openCore, type Core, type CoreOptions } from '../core';
import type { InputOf, OperationName, OutputOf } from '../../../shared/api/contract';
import { distDir, makeTempDir } from './tempDir';

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
