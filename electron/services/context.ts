import type { DataDomain } from '../../shared/contract/events';
import type { ViewAsState } from '../../shared/contract/permissions';
import type { Store } from '../db/client';

/** Who is signed in, held in memory only: a restart always starts signed out. */
export interface Session {
  operatorId: number | null;
  /** The read-only preview as another user, if one is open; never stored. */
  viewAs: ViewAsState | null;
  /** Locked after idling: every call but status, unlock and sign-out is refused until the password is given again. */
  locked: boolean;
}

/** The time services go by; tests pass a clock they can move (lockouts, automatic anonymisation). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface ServiceContext {
  store: Store;
  clock: Clock;
  session: Session;
  workspaceId: number;
  /** Tells every open window which lists to refresh. */
  changed(...domains: DataDomain[]): void;
}
