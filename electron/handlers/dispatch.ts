import type { z } from 'zod';
import { contract, isMethod, type Method, type MethodOutput, type ParsedInput } from '../../shared/contract';
import { methodRefusal, POLICY, type SubjectSelector } from '../../shared/domain/policy';
import { describeRefusals, refuseBulkUserAction, type Actor, type Subject, type UserAction } from '../../shared/domain/subjectRules';
import { AppError, type Envelope, type FieldErrors } from '../../shared/errors';

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

const BUSY_MESSAGE =
  'The store is busy with a change from another AccessDesk window or process; nothing was changed. Try again in a moment.';

/** What dispatch needs to know about the store to enforce the policy table. */
export interface PolicyGuard {
  /** The signed-in operator, re-read from the store; null when signed out. */
  actor(): Actor | null;
  /** The users the ids name; throws `not_found` when one names nobody. */
  subjects(ids: readonly number[], action: UserAction): Subject[];
  activeSuperAdminCount(): number;
  /** The label of the user being viewed as, while a read-only preview is open; otherwise null. */
  viewingAs(): string | null;
  /** Whether an error means another writer held the store for longer than we wait. */
  isBusy(error: unknown): boolean;
  /** While the session is locked or its temporary password must be changed: what it may still call, and why not the rest. */
  sessionRestriction(): { allowed: ReadonlySet<Method>; message: string } | null;
}

export interface DispatchOptions {
  /** Re-validate what handlers return; on in development and tests, off in production builds. */
  checkOutput: boolean;
  /** Where unexpected errors are reported; their details never reach the renderer. */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** The subject rules for a method that acts on users: every subject must exist and be allowed, or nothing runs. */
function enforceSubjectRules<M extends Method>(
  guard: PolicyGuard,
  actor: Actor,
  selector: SubjectSelector<M>,
  input: ParsedInput<M>,
): void {
  const action = selector.action(input);
  const subjects = guard.subjects(selector.userIds(input), action);
  const refusals = refuseBulkUserAction(actor, subjects, action, guard.activeSuperAdminCount());
  if (refusals.length > 0) throw new AppError('forbidden', describeRefusals(refusals));
}

/** Methods that still work during a view-as preview, because they end it or the session. */
const ALLOWED_WHILE_VIEWING_AS: ReadonlySet<Method> = new Set<Method>(['viewAs.end', 'session.signOut']);

function refuseChangesWhileViewingAs(guard: PolicyGuard, method: Method, mutates: boolean): void {
  if (!mutates || ALLOWED_WHILE_VIEWING_AS.has(method)) return;
  const viewing = guard.viewingAs();
  if (viewing !== null) throw new AppError('forbidden', `You are viewing as ${viewing}, which is read-only; end view as to make changes`);
}

/**
 * The single entry point for every call from a window: policy (who may call it), validation, subject rules,
 * then the handler, with the answer wrapped in an envelope. Deny by default: a method must have a policy.
 */
export async function dispatch(
  handlers: Handlers,
  guard: PolicyGuard,
  method: unknown,
  raw: unknown,
  options: DispatchOptions,
): Promise<Envelope<unknown>> {
  if (!isMethod(method)) {
    return { ok: false, error: { code: 'validation', message: `Unknown method: ${String(method).slice(0, 60)}` } };
  }
  try {
    const restriction = guard.sessionRestriction();
    if (restriction && !restriction.allowed.has(method)) throw new AppError('unauthenticated', restriction.message);
    const policy = POLICY[method] as (typeof POLICY)[Method] | undefined;
    if (!policy) throw new AppError('forbidden', `No policy is declared for ${method}`);
    const actor = policy.access.who === 'anyone' ? null : guard.actor();
    const refusal = methodRefusal(method, policy.access.who === 'anyone' ? null : actor);
    if (refusal) throw new AppError(refusal.code, refusal.message);
    refuseChangesWhileViewingAs(guard, method, policy.mutates);

    const spec = contract[method];
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error);
      const first = Object.values(fields)[0] ?? 'The request is not valid';
      return { ok: false, error: { code: 'validation', message: first, fields } };
    }
    const selector = policy.subjects as SubjectSelector<Method> | undefined;
    if (selector && actor) enforceSubjectRules(guard, actor, selector, parsed.data as ParsedInput<Method>);

    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    if (options.checkOutput) spec.output.parse(value);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toJSON() };
    if (guard.isBusy(error)) {
      return { ok: false, error: { code: 'busy', message: BUSY_MESSAGE } };
    }
    options.onUnexpectedError?.(method, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong; the change was not made' } };
  }
}
