/**
 * Failed sign-ins per (email, client address) in a sliding window. While a key is over the limit
 * even the right password is refused, which is what stops guessing.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(email: string, ip: string): string {
    return `${email.trim().toLowerCase()}\u0000${ip}`;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, ip: string): number {
    const list = this.recent(this.key(email, ip));
    if (list.length < this.maxFailures) return 0;
    const oldest = list[list.length - this.maxFailures] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  fail(email: string, ip: string): void {
    const key = this.key(email, ip);
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeed(email: string, ip: string): void {
    this.failures.delete(this.key(email, ip));
  }
}
