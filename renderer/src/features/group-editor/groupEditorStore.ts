import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../api';
import type { GroupDetail, ScorecardColumn } from '../../../../shared/contract';
import { groupSettingsErrors, withoutHiddenSettings } from '../../../../shared/domain/groupRules';
import { GROUP_TEMPLATES, templateSettings, type GroupTemplateKey } from '../../../../shared/domain/groupTemplates';
import { FLAG_LABELS, FLAG_NAMES, defaultGroupSettings, isLockedLicence, type GroupSettings, type LicenceLevel } from '../../../../shared/domain/permissionModel';
import type { FieldErrors } from '../../../../shared/errors';
import { SUCCESS, formFailure, reportError, type FormOutcome } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';
import { useOrgTreeStore } from '../../stores/orgTree';
import { useSessionStore } from '../session/sessionStore';
import type { GroupEditorTarget } from '../shell/navigation';

/** What the editor edits; compared with what was loaded to know whether anything changed. */
export interface GroupDraft {
  name: string;
  description: string;
  settings: GroupSettings;
}

const copy = <T>(value: T): T => structuredClone(value);
const sameDraft = (a: GroupDraft, b: GroupDraft) => JSON.stringify(a) === JSON.stringify(b);

function isTemplateKey(key: string | null): key is GroupTemplateKey {
  return GROUP_TEMPLATES.some((template) => template.key === key);
}

function startingDraft(templateKey: string | null): GroupDraft {
  const template = GROUP_TEMPLATES.find((t) => t.key === templateKey);
  if (template && isTemplateKey(templateKey)) {
    return { name: template.name, description: template.description, settings: templateSettings(templateKey) };
  }
  return { name: '', description: '', settings: defaultGroupSettings() };
}

/** The full-page group editor: one group's draft, what it was loaded as, and the pickers' lists. */
export const useGroupEditorStore = defineStore('groupEditor', () => {
  const groupId = ref<number | null>(null);
  const licenceLevel = ref<LicenceLevel>('full');
  const loaded = ref<GroupDraft | null>(null);
  const draft = ref<GroupDraft>(startingDraft(null));
  // The workspace's tree is shared with the other pickers and kept until units change, so reopening is cheap.
  const orgTree = useOrgTreeStore();
  const units = computed(() => orgTree.units);
  const columns = ref<ScorecardColumn[]>([]);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  /** Field errors the main process answered with, until the field is changed. */
  const serverErrors = ref<FieldErrors>({});
  const message = ref<string | null>(null);
  const saving = ref(false);
  const justSaved = ref(false);

  const session = useSessionStore();

  const dirty = computed(() => loaded.value !== null && !sameDraft(draft.value, loaded.value));
  /** A new group can be created as it starts (a template is complete); an existing one once something changed. */
  const canSave = computed(() => loaded.value !== null && (groupId.value === null || dirty.value));
  const locked = computed(() => isLockedLicence(licenceLevel.value));
  const refusal = computed(() => session.refusal(groupId.value === null ? 'groups.create' : 'groups.update'));
  /** Why nothing here can be changed, or null. */
  const readOnlyReason = computed(() => {
    if (locked.value) {
      const level = licenceLevel.value === 'member' ? 'Member' : 'Reporter';
      return `This group has the ${level} licence level, so its settings are locked; only the vendor can change them.`;
    }
    return refusal.value === null ? null : `You can look but not change: ${refusal.value}.`;
  });
  const readOnly = computed(() => readOnlyReason.value !== null);

  // Checked as they will be sent: flags hidden for the administrator permission are switched off on save.
  const ruleErrors = computed(() =>
    groupSettingsErrors(withoutHiddenSettings(draft.value.settings), {
      unitIds: new Set(units.value.map((unit) => unit.id)),
      columnIds: new Set(columns.value.map((column) => column.id)),
    }),
  );

  /** The main process's message for the field if it sent one, else the shared rules' message. */
  function errorsFor(path: string): string[] {
    const error = serverErrors.value[path] ?? ruleErrors.value[path];
    return error ? [error] : [];
  }

  /** Any error on the path or under it, for a section or a table. */
  function hasErrorsUnder(path: string): boolean {
    const all = { ...ruleErrors.value, ...serverErrors.value };
    return Object.keys(all).some((key) => key === path || key.startsWith(`${path}.`));
  }

  const problemCount = computed(() => Object.keys({ ...ruleErrors.value, ...serverErrors.value }).length);

  function clearError(path: string) {
    justSaved.value = false;
    if (serverErrors.value[path] === undefined) return;
    serverErrors.value = Object.fromEntries(Object.entries(serverErrors.value).filter(([key]) => key !== path));
  }

  async function load(target: GroupEditorTarget) {
    loading.value = true;
    loadError.value = null;
    serverErrors.value = {};
    message.value = null;
    justSaved.value = false;
    loaded.value = null;
    try {
      const [, columnList, detail] = await Promise.all([
        orgTree.ensureLoaded(),
        api.groups.columns({}),
        target.groupId === null ? Promise.resolve(null) : api.groups.get({ id: target.groupId }),
      ]);
      columns.value = columnList;
      showDetail(detail, target.groupId === null ? target.templateKey : null);
    } catch (error) {
      loadError.value = error instanceof Error ? error.message : String(error);
      reportError(error);
    } finally {
      loading.value = false;
    }
  }

  function showDetail(detail: GroupDetail | null, templateKey: string | null) {
    groupId.value = detail?.id ?? null;
    licenceLevel.value = detail?.licenceLevel ?? 'full';
    const next = detail ? { name: detail.name, description: detail.description, settings: detail.settings } : startingDraft(templateKey);
    draft.value = copy(next);
    loaded.value = copy(next);
  }

  /** Flags seed 001 hides for the chosen administrator permission are switched off, and the operator is told. */
  function applyHiddenSettings(): void {
    const cleaned = withoutHiddenSettings(draft.value.settings);
    const switchedOff = FLAG_NAMES.filter((flag) => draft.value.settings.flags[flag] && !cleaned.flags[flag]);
    const unitsDropped = draft.value.settings.adminUnits.length > 0 && cleaned.adminUnits.length === 0;
    if (switchedOff.length === 0 && !unitsDropped) return;
    draft.value.settings = cleaned;
    const what = [...switchedOff.map((flag) => `'${FLAG_LABELS[flag]}'`), ...(unitsDropped ? ['the administered units'] : [])];
    useNotificationsStore().notify(`Cleared ${what.join(', ')}: they do not apply to this administrator permission`);
  }

  async function save(): Promise<FormOutcome> {
    if (saving.value || readOnly.value) return { ok: false, fields: {}, message: readOnlyReason.value };
    saving.value = true;
    applyHiddenSettings();
    const { name, description, settings } = draft.value;
    try {
      const id = groupId.value;
      const row =
        id === null
          ? await api.groups.create({ name, description, settings })
          : await api.groups.update({ id, name, description, settings });
      const detail = await api.groups.get({ id: row.id });
      showDetail(detail, null);
      serverErrors.value = {};
      message.value = null;
      justSaved.value = true;
      return SUCCESS;
    } catch (error) {
      const outcome = formFailure(error);
      serverErrors.value = outcome.fields;
      // A message that belongs to a field is shown on that field, not twice.
      message.value = Object.keys(outcome.fields).length === 0 ? outcome.message : null;
      return outcome;
    } finally {
      saving.value = false;
    }
  }

  function reset() {
    groupId.value = null;
    loaded.value = null;
    draft.value = startingDraft(null);
    serverErrors.value = {};
    message.value = null;
    justSaved.value = false;
  }

  return {
    groupId,
    licenceLevel,
    draft,
    units,
    columns,
    loading,
    loadError,
    message,
    saving,
    justSaved,
    dirty,
    canSave,
    locked,
    readOnly,
    readOnlyReason,
    ruleErrors,
    problemCount,
    errorsFor,
    hasErrorsUnder,
    clearError,
    load,
    save,
    reset,
  };
});
