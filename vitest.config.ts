import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,node,electron,endpoint,renderer,resources,tools,scripts,bench}/**/*.test.ts'],
    // Integration tests start the real worker and the real host from dist/, so build first.
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Chamber refuses to create unencrypted data; tests unlock their throwaway data directories
    // with this passphrase (children such as the CLI and the host inherit it), and stay away from
    // any OS key store the developer's session offers (the keyring test starts a private one).
    env: { CHAMBER_DB_PASSPHRASE: 'correct horse battery staple', CHAMBER_OS_KEYRING: 'off' },
  },
});
