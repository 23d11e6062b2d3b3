import { firstFewAndMore } from '../../../../shared/domain/text';

interface NamedUser {
  firstName: string;
  lastName: string;
  username: string;
}

/** "Ben Andersen, Carla Berg and 3 more": how a confirmation names whom it affects. */
export function affectedNames(users: readonly NamedUser[]): string {
  const names = users.map((user) => `${user.firstName} ${user.lastName}`.trim() || user.username);
  return firstFewAndMore(names, { shown: 2 });
}
