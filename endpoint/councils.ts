import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { NewUser, User } from '../shared/sync/wire';
import { EndpointError, insertUser, preparedUser, type Queryable } from './accounts';
import { transaction } from './records';

export interface Council {
  id: string;
  name: string;
}

/**
 * A new council on the endpoint and its first admin, together: a council nobody can administer
 * would be one only the endpoint's operator could ever add anyone to. Operator-only (the command
 * line, which holds the database): no council's admin may create another council.
 */
export async function createCouncil(pool: pg.Pool, name: string, admin: Omit<NewUser, 'role' | 'committees' | 'committeeRoles'>): Promise<{ council: Council; admin: Pick<User, 'id' | 'email'> }> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new EndpointError(400, 'INVALID_INPUT', 'A council needs a name of 1 to 200 characters');
  const prepared = await preparedUser({ ...admin, role: 'admin' });
  return transaction(pool, async (client) => {
    const id = randomUUID();
    const inserted = await client.query('INSERT INTO councils (id, name) VALUES ($1, $2) ON CONFLICT (lower(name)) DO NOTHING', [id, trimmed]);
    if (inserted.rowCount === 0) throw new EndpointError(400, 'INVALID_INPUT', `A council named ${trimmed} already exists`);
    const adminId = await insertUser(client, id, prepared);
    return { council: { id, name: trimmed }, admin: { id: adminId, email: prepared.user.email } };
  });
}

export async function listCouncils(db: Queryable): Promise<Council[]> {
  return (await db.query<Council>('SELECT id, name FROM councils ORDER BY created_at, id')).rows;
}

/** A council named by its id or its name (case-insensitive), as the command line takes it. */
export async function findCouncil(db: Queryable, idOrName: string): Promise<Council> {
  const found = await db.query<Council>('SELECT id, name FROM councils WHERE id = $1 OR lower(name) = lower($1) ORDER BY id = $1 DESC LIMIT 1', [idOrName.trim()]);
  const council = found.rows[0];
  if (!council) throw new EndpointError(404, 'NOT_FOUND', `No council ${idOrName}`);
  return council;
}
