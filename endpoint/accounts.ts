import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { NewUser, type Device, type EndpointErrorCode, type Session, type User, type UserRole } from '../shared/sync/wire';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords';
import type { z } from 'zod';
import { transaction, writeRecord } from './records';

export class EndpointError extends Error {
  constructor(
    readonly status: number,
    readonly code: EndpointErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Who is calling, resolved from the device token on every request. */
export interface Principal {
  userId: string;
  deviceId: string;
  /** The council the user belongs to, from their account row: never from anything the client sends. */
  councilId: string;
  role: UserRole;
  /** Committee ids the user is a member of. */
  committees: string[];
  /** Committee ids where their membership is as chair or clerk: where they preside. */
  presidesIn: string[];
  /** Committee ids they attend as an officer (whatever their role elsewhere): never shown Part II there. */
  officerIn: string[];
}

export interface TokenLifetimes {
  accessMs: number;
  refreshMs: number;
}

export const defaultLifetimes: TokenLifetimes = { accessMs: 60 * 60_000, refreshMs: 30 * 24 * 60 * 60_000 };

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const newToken = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export type Queryable = Pick<pg.Pool, 'query'>;

/** The council's committee of that name, created when new: another council's namesake is another committee. */
export async function committeeId(db: Queryable, councilId: string, name: string): Promise<string> {
  const found = await db.query<{ id: string }>(
    `INSERT INTO committees (id, council_id, name) VALUES ($1, $2, $3) ON CONFLICT (council_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [randomUUID(), councilId, name],
  );
  const row = found.rows[0];
  if (!row) throw new Error('committee not stored');
  return row.id;
}

async function userById(db: Queryable, id: string): Promise<User | null> {
  const result = await db.query<{ id: string; name: string; email: string; role: UserRole; committees: string[] }>(
    `SELECT u.id, u.name, u.email, u.role,
            coalesce(array_agg(c.name ORDER BY c.name) FILTER (WHERE c.name IS NOT NULL), '{}') AS committees
       FROM users u LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN committees c ON c.id = m.committee_id
      WHERE u.id = $1 GROUP BY u.id`,
    [id],
  );
  return result.rows[0] ?? null;
}

export interface PreparedUser {
  user: z.output<typeof NewUser>;
  passwordHash: string;
}

/** The input checked, and its password hashed before any transaction opens (hashing is slow on purpose). */
export async function preparedUser(input: NewUser): Promise<PreparedUser> {
  const parsed = NewUser.safeParse(input);
  if (!parsed.success) throw new EndpointError(400, 'INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  return { user: parsed.data, passwordHash: await hashPassword(parsed.data.password) };
}

/**
 * A user of `councilId` with their memberships of that council's committees, in the caller's
 * transaction. An email signs in to one account on the whole endpoint, so it is unique across
 * councils: sign-in needs nothing but the email to know which council it is for.
 */
export async function insertUser(client: pg.PoolClient, councilId: string, prepared: PreparedUser): Promise<string> {
  const { user, passwordHash } = prepared;
  const id = randomUUID();
  const inserted = await client.query(
    `INSERT INTO users (id, council_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (lower(email)) DO NOTHING RETURNING id`,
    [id, councilId, user.email, user.name, user.role, passwordHash],
  );
  if (inserted.rowCount === 0) throw new EndpointError(400, 'INVALID_INPUT', `A user with email ${user.email} already exists`);
  // A role named for one committee (the chair of A who only sits on B) overrides the user's role there.
  const roles = new Map<string, UserRole>([...user.committees.map((name): [string, UserRole] => [name, user.role]), ...Object.entries(user.committeeRoles)]);
  for (const [name, role] of roles) {
    await client.query('INSERT INTO memberships (user_id, committee_id, council_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [id, await committeeId(client, councilId, name), councilId, role]);
  }
  // The register every device needs to name who attends, declares and votes: names only (a
  // councillor's name is public; the email is not), readable by every signed-in user of the
  // council. The council's IT administrators never sit in a meeting.
  if (user.role !== 'admin') await writeRecord(client, null, { entity: 'member', id, deleted: false, data: { id, name: user.name }, ownerId: id, committeeId: null, councilId, private: false, restricted: false }, 'create');
  return id;
}

/** Creates a user of `councilId` with their committee memberships in one transaction. */
export async function createUser(pool: pg.Pool, councilId: string, input: NewUser): Promise<User> {
  const prepared = await preparedUser(input);
  const id = await transaction(pool, (client) => insertUser(client, councilId, prepared));
  const created = await userById(pool, id);
  if (!created) throw new Error('user not stored');
  return created;
}

export async function countUsers(db: Queryable, councilId: string): Promise<number> {
  const result = await db.query<{ n: string }>('SELECT count(*) AS n FROM users WHERE council_id = $1', [councilId]);
  return Number(result.rows[0]?.n ?? 0);
}

interface DeviceRow {
  id: string;
  user_id: string;
  name: string;
  created_at: Date;
  last_seen_at: Date | null;
  expires_at: Date;
  refresh_expires_at: Date;
  revoked_at: Date | null;
}

function toDevice(row: DeviceRow, currentId: string): Device {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    current: row.id === currentId,
  };
}

export class Accounts {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date,
    private readonly lifetimes: TokenLifetimes = defaultLifetimes,
  ) {}

  private async session(deviceRow: DeviceRow, accessToken: string, refreshToken: string): Promise<Session> {
    const user = await userById(this.pool, deviceRow.user_id);
    if (!user) throw new EndpointError(401, 'UNAUTHENTICATED', 'The account no longer exists');
    return {
      accessToken,
      refreshToken,
      expiresAt: deviceRow.expires_at.toISOString(),
      refreshExpiresAt: deviceRow.refresh_expires_at.toISOString(),
      device: toDevice(deviceRow, deviceRow.id),
      user,
    };
  }

  /** Checks the password and registers a device; null when the email or password is wrong. */
  async signIn(email: string, password: string, deviceName: string): Promise<Session | null> {
    const found = await this.pool.query<{ id: string; password_hash: string }>('SELECT id, password_hash FROM users WHERE lower(email) = lower($1)', [email.trim()]);
    const user = found.rows[0];
    const good = user ? await verifyPassword(password, user.password_hash) : await verifyAgainstDecoy(password);
    if (!user || !good) return null;
    const access = newToken('cha');
    const refresh = newToken('chr');
    const now = this.now();
    const row = await this.pool.query<DeviceRow>(
      `INSERT INTO devices (id, user_id, name, access_hash, refresh_hash, expires_at, refresh_expires_at, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
      [randomUUID(), user.id, deviceName, sha256(access), sha256(refresh), new Date(now.getTime() + this.lifetimes.accessMs), new Date(now.getTime() + this.lifetimes.refreshMs), now],
    );
    return this.session(row.rows[0]!, access, refresh);
  }

  /** Rotates both tokens of the device the refresh token belongs to. */
  async refresh(refreshToken: string): Promise<Session> {
    const found = await this.pool.query<DeviceRow>('SELECT * FROM devices WHERE refresh_hash = $1', [sha256(refreshToken)]);
    const device = found.rows[0];
    if (!device) throw new EndpointError(401, 'UNAUTHENTICATED', 'Unknown refresh token; sign in again');
    if (device.revoked_at) throw new EndpointError(401, 'TOKEN_REVOKED', 'This device was signed out; sign in again');
    const now = this.now();
    if (device.refresh_expires_at <= now) throw new EndpointError(401, 'UNAUTHENTICATED', 'The refresh token has expired; sign in again');
    const access = newToken('cha');
    const refresh = newToken('chr');
    // The WHERE on the old hash makes a refresh token single-use even under concurrent refreshes.
    const updated = await this.pool.query<DeviceRow>(
      `UPDATE devices SET access_hash = $2, refresh_hash = $3, expires_at = $4, refresh_expires_at = $5, last_seen_at = $6
        WHERE id = $1 AND refresh_hash = $7 RETURNING *`,
      [device.id, sha256(access), sha256(refresh), new Date(now.getTime() + this.lifetimes.accessMs), new Date(now.getTime() + this.lifetimes.refreshMs), now, sha256(refreshToken)],
    );
    if (!updated.rows[0]) throw new EndpointError(401, 'UNAUTHENTICATED', 'The refresh token was already used; sign in again');
    return this.session(updated.rows[0], access, refresh);
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new EndpointError(401, 'UNAUTHENTICATED', 'Sign in first: no device token was sent');
    const found = await this.pool.query<DeviceRow & { council_id: string; role: UserRole; committees: string[]; presides_in: string[]; officer_in: string[] }>(
      `SELECT d.*, u.council_id, u.role, coalesce(array_agg(m.committee_id) FILTER (WHERE m.committee_id IS NOT NULL), '{}') AS committees,
              coalesce(array_agg(m.committee_id) FILTER (WHERE m.role IN ('chair', 'clerk', 'admin')), '{}') AS presides_in,
              coalesce(array_agg(m.committee_id) FILTER (WHERE m.role = 'officer'), '{}') AS officer_in
         FROM devices d JOIN users u ON u.id = d.user_id LEFT JOIN memberships m ON m.user_id = u.id
        WHERE d.access_hash = $1 GROUP BY d.id, u.council_id, u.role`,
      [sha256(token)],
    );
    const device = found.rows[0];
    if (!device) throw new EndpointError(401, 'UNAUTHENTICATED', 'Unknown device token; sign in again');
    if (device.revoked_at) throw new EndpointError(401, 'TOKEN_REVOKED', 'This device was signed out or revoked; wipe local data and sign in again');
    const now = this.now();
    if (device.expires_at <= now) throw new EndpointError(401, 'TOKEN_EXPIRED', 'The access token has expired; refresh it');
    // Coarse on purpose: one write a minute per device, not one per request.
    if (!device.last_seen_at || now.getTime() - device.last_seen_at.getTime() > 60_000) {
      await this.pool.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [device.id, now]);
    }
    return { userId: device.user_id, deviceId: device.id, councilId: device.council_id, role: device.role, committees: device.committees, presidesIn: device.presides_in, officerIn: device.officer_in };
  }

  async user(userId: string): Promise<User> {
    const user = await userById(this.pool, userId);
    if (!user) throw new EndpointError(401, 'UNAUTHENTICATED', 'The account no longer exists');
    return user;
  }

  async devices(principal: Principal): Promise<Device[]> {
    const rows = await this.pool.query<DeviceRow>('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at, id', [principal.userId]);
    return rows.rows.map((row) => toDevice(row, principal.deviceId));
  }

  /** Your own devices; an admin may revoke anyone's in their council. Unknown and not-yours look the same (404). */
  async revoke(principal: Principal, deviceId: string): Promise<void> {
    const result = await this.pool.query(
      `UPDATE devices SET revoked_at = coalesce(revoked_at, $3)
        WHERE id = $1 AND (user_id = $2 OR ($4 AND user_id IN (SELECT id FROM users WHERE council_id = $5)))`,
      [deviceId, principal.userId, this.now(), principal.role === 'admin', principal.councilId],
    );
    if (result.rowCount === 0) throw new EndpointError(404, 'NOT_FOUND', 'No such device');
  }
}
