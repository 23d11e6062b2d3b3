import type { Method } from '../../../../shared/contract';
import { useSessionStore } from '../session/sessionStore';

/**
 * Why the operator may not take a unit action here, or null: the method's policy first, then a Local
 * administrator's units (the main process refuses the same; this only disables the control and says why).
 */
export function useUnitRefusals() {
  const session = useSessionStore();

  function refusal(method: Method, unitIds: readonly (number | null)[], what: string): string | null {
    const byPolicy = session.refusal(method);
    if (byPolicy !== null) return byPolicy;
    const administered = session.operator?.administeredUnitIds ?? null;
    if (administered === null) return null;
    const outside = unitIds.some((id) => id === null || !administered.includes(id));
    return outside ? `As a Local administrator you can ${what} only within your units` : null;
  }

  return { refusal };
}
