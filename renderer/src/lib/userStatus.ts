import type { UserStatus } from '../../../shared/domain/users';

export const STATUS_COLORS: Record<UserStatus, string> = {
  active: 'success',
  pending: 'warning',
  deactivated: 'secondary',
};
