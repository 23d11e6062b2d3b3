export type MainDestination = 'users-groups' | 'audit';
