import { eq, sql } from 'drizzle-orm';
import { identityKey } from '../../../shared/domain/identity';
import type { Db } from '../client';
import { users } from '../schema';

/** Replaces everything that names the person on their row; the id stays so history keeps pointing at it. */
export function anonymiseUserRow(db: Db, id: number, at: string): void {
  const username = `anonymised-${id}`;
  const email = `anonymised-${id}@anonymised.invalid`;
  // FTS5 otherwise only marks the old terms deleted and keeps them until a merge; secure-delete removes them now.
  db.run(sql`insert into users_search(users_search, rank) values ('secure-delete', 1)`);
  db.update(users)
    .set({
      username,
      usernameKey: identityKey(username),
      firstName: 'Anonymised',
      lastName: 'user',
      email,
      emailKey: identityKey(email),
      passwordHash: null,
      anonymisedAt: at,
      updatedAt: at,
    })
    .where(eq(users.id, id))
    .run();
  db.run(sql`insert into users_search(users_search, rank) values ('secure-delete', 0)`);
}
