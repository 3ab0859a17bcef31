export function findElectronBinary(env?: NodeJS.ProcessEnv): { found: true; path: string } | { found: false; reason: string };
