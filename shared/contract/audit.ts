import { z } from 'zod';
import { NoInput, PageRequest, pageOf } from './common';

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  targetType: z.string(),
  target: z.string(),
  summary: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditListQuery = PageRequest.strict();
export type AuditListQuery = z.input<typeof AuditListQuery>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headHash: z.string().nullable(),
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

export const auditContract = {
  'audit.list': { input: AuditListQuery, output: pageOf(AuditRow) },
  'audit.verify': { input: NoInput, output: ChainVerification },
} as const;
