import { z } from 'zod';
import { PLATFORM_ROLES } from '../domain/users';
import { NoInput, NoOutput } from './common';
import { AdminPermission } from './groupSettings';
import { ViewAsState } from './permissions';
import { NewPassword, PersonFields } from './users';

export const Operator = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  platformRole: z.enum(PLATFORM_ROLES),
  /** Workspace administrator permission from the operator's groups; a Super Administrator counts as Full. */
  adminPermission: AdminPermission,
  /** A Local administrator's units, subtrees included; null when not limited to units. */
  administeredUnitIds: z.array(z.number().int()).nullable(),
});
export type Operator = z.infer<typeof Operator>;

export const SessionStatus = z.object({
  needsSetup: z.boolean(),
  operator: Operator.nullable(),
  workspace: z.object({ id: z.number().int(), name: z.string() }),
  workspaceCount: z.number().int(),
  /** Lets the UI explain why the last active Super Administrator cannot be deactivated, deleted or demoted. */
  activeSuperAdminCount: z.number().int(),
  /** The read-only preview in progress; held in memory only, so a restart always ends it. */
  viewAs: ViewAsState.nullable(),
  /** Idle too long: only session.unlock (or signing out) continues. */
  locked: z.boolean(),
  /** Signed in with a temporary password: only session.changePassword (or signing out) continues. */
  passwordChangeRequired: z.boolean(),
  /** How long the renderer waits for input before it locks the session. */
  idleLockMinutes: z.number().int(),
  /** The password policy's minimum, so forms can say what main will refuse before it does. */
  passwordMinLength: z.number().int(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const FirstAdministratorInput = PersonFields.extend(NewPassword.shape).strict().superRefine(
  (value, ctx) => {
    if (value.password !== value.passwordConfirm) {
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'The passwords do not match' });
    }
  },
);
export type FirstAdministratorInput = z.input<typeof FirstAdministratorInput>;

export const SignInInput = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username').max(200),
  password: z.string().min(1, 'Enter your password').max(200),
});
export type SignInInput = z.input<typeof SignInInput>;

export const DemoOpened = z.object({
  operator: Operator,
  users: z.number().int(),
  groups: z.number().int(),
});
export type DemoOpened = z.infer<typeof DemoOpened>;

export const sessionContract = {
  'session.status': { input: NoInput, output: SessionStatus },
  'session.setup': { input: FirstAdministratorInput, output: Operator },
  'session.signIn': { input: SignInInput, output: Operator },
  'session.signOut': { input: NoInput, output: NoOutput },
  'session.openDemo': { input: NoInput, output: DemoOpened },
} as const;
