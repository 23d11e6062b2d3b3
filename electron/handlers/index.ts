import { AppError } from '../../shared/errors';
import { requireOperator, auditActor } from '../services/authorization';
import { getAuditEntry, listAudit, verifyAudit } from '../services/audit';
import { chainKeysForWorker, verifiesInWorker } from '../services/auditTrail';
import { recordWorkbookExport } from '../services/workbookExportRecord';
import { verifyWorkbookSeal } from '../services/workbookVerification';
import { readWorkbookSeal } from '../jobs/workbookSeal';
import { exportAuditLog } from './auditExports';
import { openDemo } from '../services/demo';
import { createGroup, deleteGroup, listGroups, listScorecardColumns, readGroup, updateGroup } from '../services/groups';
import { addMembers, membershipsOfUser, reassignMainGroup, removeMembers, setMainGroup, setMembershipEnd } from '../services/memberships';
import {
  createOrgUnit,
  deleteOrgUnit,
  moveOrgUnit,
  orgUnitChildren,
  orgUnitTree,
  orgUnitUsage,
  renameOrgUnit,
  setOrgUnitHidden,
} from '../services/orgUnits';
import { compareGroups, compareUsers, effectivePermissions, whoHas } from '../services/permissions';
import { endViewAs, startViewAs } from '../services/viewAs';
import { exportEffectivePermissions, exportWhoHas } from './permissionExports';
import { sessionStatus, setUpFirstAdministrator, signIn, signOut } from '../services/session';
import { getPlatformSettings, updatePlatformSettings } from '../services/platformSettings';
import { createUser, deleteUsers, getUser, listUsers, setUserStatus, updateUser } from '../services/users';
import { listDeletedUsers, restoreDeletedUsers } from '../services/deletedUsers';
import { anonymiseAllDeletedUsers, anonymiseUsers } from '../services/anonymise';
import { applyImportHandler, cancelImport, openImport, previewImport, saveImportResults } from './userImport';
import { applyBulk, previewBulk } from '../services/bulkUsers';
import { saveBulkResults } from './bulkResults';
import type { HandlerContext } from './context';
import { passwordHandlers } from './passwords';
import type { Handlers } from './dispatch';

function exportFileName(): string {
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  return `AccessDesk audit ${stamp}.xlsx`;
}

/** Every method of the contract, each a thin call into one service. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    'session.status': () => sessionStatus(ctx),
    'session.setup': (input) => setUpFirstAdministrator(ctx, input),
    'session.signIn': (input) => signIn(ctx, input.username, input.password),
    'session.signOut': () => (signOut(ctx), null),
    'session.openDemo': () => openDemo(ctx),

    'users.list': (query) => listUsers(ctx, query),
    'users.get': ({ id }) => getUser(ctx, id),
    'users.create': (input) => createUser(ctx, input),
    'users.update': (input) => updateUser(ctx, input),
    'users.setStatus': (input) => setUserStatus(ctx, input),
    'users.delete': (input) => deleteUsers(ctx, input),
    'users.listDeleted': (query) => listDeletedUsers(ctx, query),
    'users.restore': (input) => restoreDeletedUsers(ctx, input),
    'users.anonymise': (input) => anonymiseUsers(ctx, input),
    'users.anonymiseAllDeleted': (input) => anonymiseAllDeletedUsers(ctx, input),
    'users.importOpen': () => openImport(ctx),
    'users.importPreview': (input) => previewImport(ctx, input),
    'users.importApply': (input) => applyImportHandler(ctx, input),
    'users.importResults': (input) => saveImportResults(ctx, input),
    'users.importCancel': (input) => cancelImport(ctx, input),
    'users.bulkPreview': (input) => previewBulk(ctx, input),
    'users.bulkApply': (input) => applyBulk(ctx, input),
    'users.bulkSaveResults': () => saveBulkResults(ctx),

    'groups.list': ({ search }) => listGroups(ctx, search),
    'groups.get': ({ id }) => readGroup(ctx, id),
    'groups.columns': () => listScorecardColumns(ctx),
    'groups.create': (input) => createGroup(ctx, input),
    'groups.update': (input) => updateGroup(ctx, input),
    'groups.delete': (input) => (deleteGroup(ctx, input), null),
    'groups.members': ({ groupId, ...query }) => (readGroup(ctx, groupId), listUsers(ctx, query, groupId)),

    'memberships.add': (input) => addMembers(ctx, input),
    'memberships.remove': (input) => removeMembers(ctx, input),
    'memberships.ofUser': ({ userId }) => membershipsOfUser(ctx, userId),
    'memberships.setMain': (input) => setMainGroup(ctx, input),
    'memberships.reassignMain': (input) => reassignMainGroup(ctx, input),
    'memberships.setEnd': (input) => setMembershipEnd(ctx, input),

    'orgUnits.tree': () => orgUnitTree(ctx),
    'orgUnits.children': ({ parentId }) => orgUnitChildren(ctx, parentId),
    'orgUnits.usage': ({ id }) => orgUnitUsage(ctx, id),
    'orgUnits.create': (input) => createOrgUnit(ctx, input),
    'orgUnits.rename': (input) => renameOrgUnit(ctx, input),
    'orgUnits.setHidden': (input) => setOrgUnitHidden(ctx, input),
    'orgUnits.move': (input) => moveOrgUnit(ctx, input),
    'orgUnits.delete': (input) => (deleteOrgUnit(ctx, input), null),

    'permissions.effective': (query) => effectivePermissions(ctx, query),
    'permissions.whoHas': (query) => whoHas(ctx, query),
    'permissions.compareUsers': (input) => compareUsers(ctx, input.leftUserId, input.rightUserId),
    'permissions.compareGroups': (input) => compareGroups(ctx, input.leftGroupId, input.rightGroupId),
    'permissions.exportEffective': (query) => exportEffectivePermissions(ctx, query),
    'permissions.exportWhoHas': (query) => exportWhoHas(ctx, query),
    'viewAs.start': (input) => startViewAs(ctx, input),
    'viewAs.end': (input) => (endViewAs(ctx, input), null),

    'audit.list': (query) => listAudit(ctx, query),
    'audit.get': ({ id }) => getAuditEntry(ctx, id),
    'audit.exportLog': (filters) => exportAuditLog(ctx, filters),
    'audit.verify': () =>
      verifiesInWorker(ctx.store.db)
        ? ctx.jobs.verifyChain({
            kind: 'verifyChain',
            storeFile: ctx.store.file,
            ...chainKeysForWorker(ctx.store.db),
            ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
          })
        : verifyAudit(ctx),
    'audit.verifyWorkbook': async () => {
      const file = await ctx.dialogs.chooseWorkbookToVerify();
      if (file === null) return null;
      const { fileName, seal } = await readWorkbookSeal(file);
      return verifyWorkbookSeal(ctx, seal, fileName);
    },

    'exports.start': async () => {
      const operator = requireOperator(ctx);
      const file = await ctx.dialogs.chooseExportFile(exportFileName());
      if (file === null) return { jobId: null };
      const jobId = ctx.jobs.startExport({
        ...recordWorkbookExport(ctx, operator, file),
        storeFile: ctx.store.file,
        outputFile: file,
        workspaceId: ctx.workspaceId,
        operatorLabel: auditActor(operator).label,
        ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
      });
      return { jobId };
    },
    'exports.cancel': ({ jobId }) => {
      if (!ctx.jobs.cancel(jobId)) throw new AppError('not_found', 'That export is no longer running');
      return null;
    },

    'settings.get': () => getPlatformSettings(ctx),
    'settings.update': (input) => updatePlatformSettings(ctx, input),
    ...passwordHandlers(ctx),
  };
}
