import type pg from 'pg';

export interface SignInLimits {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Failed sign-ins per (email, client address) in a sliding window. While a key is over the limit
 * even the right password is refused, which is what stops guessing. The failures live in
 * PostgreSQL (migration 5), not in this process, so every instance on the database counts them.
 * Times come from the instance's own clock (injectable for tests); instances kept in step by NTP
 * move a 15-minute window by well under a second.
 */
export class SignInLimiter {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(
    private readonly pool: pg.Pool,
    limits: SignInLimits = {},
  ) {
    this.maxFailures = limits.maxFailures ?? 5;
    this.windowMs = limits.windowMs ?? 15 * 60_000;
    this.now = limits.now ?? Date.now;
  }

  private static email(email: string): string {
    return email.trim().toLowerCase();
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  async retryAfter(email: string, ip: string): Promise<number> {
    const now = this.now();
    const recent = await this.pool.query<{ failed_at: Date }>(
      `SELECT failed_at FROM sign_in_failures
        WHERE email = $1 AND address = $2 AND failed_at > $3
        ORDER BY failed_at DESC LIMIT $4`,
      [SignInLimiter.email(email), ip, new Date(now - this.windowMs), this.maxFailures],
    );
    if (recent.rows.length < this.maxFailures) return 0;
    // The oldest of the last maxFailures failures: once it leaves the window, one more try is allowed.
    const oldest = recent.rows[recent.rows.length - 1]?.failed_at.getTime() ?? now;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  /** Records a failure and, in the same statement, forgets every failure (anyone's) past the window. */
  async fail(email: string, ip: string): Promise<void> {
    const now = this.now();
    await this.pool.query(
      `WITH expired AS (DELETE FROM sign_in_failures WHERE failed_at <= $4)
       INSERT INTO sign_in_failures (email, address, failed_at) VALUES ($1, $2, $3)`,
      [SignInLimiter.email(email), ip, new Date(now), new Date(now - this.windowMs)],
    );
  }

  async succeed(email: string, ip: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE email = $1 AND address = $2', [SignInLimiter.email(email), ip]);
  }
}
