import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface ConfirmRequest {
  title: string;
  text: string;
  confirmText: string;
  danger: boolean;
}

/** One confirmation dialog for the whole app; `ask` resolves true when the operator confirms. */
export const useConfirmStore = defineStore('confirm', () => {
  const request = ref<ConfirmRequest | null>(null);
  let resolver: ((answer: boolean) => void) | null = null;

  function ask(next: ConfirmRequest): Promise<boolean> {
    resolver?.(false);
    request.value = next;
    return new Promise<boolean>((resolve) => {
      resolver = resolve;
    });
  }

  function answer(value: boolean) {
    const resolve = resolver;
    resolver = null;
    request.value = null;
    resolve?.(value);
  }

  return { request, ask, answer };
});
