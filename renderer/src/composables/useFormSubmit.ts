import { ref } from 'vue';
import type { FieldErrors } from '../../../shared/errors';
import type { FormOutcome } from '../stores/forms';
import { messagesFor, unplacedMessage, withoutField } from '../lib/fields';

/**
 * One submit path for every form: no double submits, the main process's field errors on their inputs,
 * and the general message only when no shown field carries it.
 */
export function useFormSubmit(shownFields: readonly string[]) {
  const fields = ref<FieldErrors>({});
  const message = ref<string | null>(null);
  const saving = ref(false);

  function messages(name: string): string[] {
    return messagesFor(fields.value, name);
  }

  /** Typing in a field clears its message. */
  function clearField(name: string) {
    fields.value = withoutField(fields.value, name);
  }

  function clear() {
    fields.value = {};
    message.value = null;
    saving.value = false;
  }

  /** Null when a submit was already running. */
  async function submit(save: () => Promise<FormOutcome>): Promise<FormOutcome | null> {
    if (saving.value) return null;
    saving.value = true;
    try {
      const outcome = await save();
      fields.value = outcome.fields;
      message.value = unplacedMessage(outcome.fields, shownFields, outcome.message);
      return outcome;
    } finally {
      saving.value = false;
    }
  }

  return { fields, message, saving, messages, clearField, clear, submit };
}
