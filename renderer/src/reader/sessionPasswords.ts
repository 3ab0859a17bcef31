/**
 * Passwords of protected packs, by document hash, for this session only: a module-level map, so
 * they are gone when the window closes and never reach storage, the core or the contract's logs.
 * The import screen leaves the one it was given here so the reader need not ask straight away.
 */
const passwords = new Map<string, string>();

export function rememberPdfPassword(sha256: string, password: string): void {
  passwords.set(sha256, password);
}

export function sessionPdfPassword(sha256: string): string | undefined {
  return passwords.get(sha256);
}

export function forgetPdfPassword(sha256: string): void {
  passwords.delete(sha256);
}
