import 'vuetify/styles';
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';

/**
 * The page's CSP allows no inline styles but those carrying this load's nonce, which the server wrote into
 * index.html's csp-nonce meta; Vuetify puts it on the theme <style> it injects.
 */
function pageCspNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;
}

const cspNonce = pageCspNonce();

export const vuetify = createVuetify({
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    ...(cspNonce ? { cspNonce } : {}),
    defaultTheme: 'accessdesk',
    themes: {
      accessdesk: {
        dark: false,
        colors: {
          primary: '#1f5fa8',
          secondary: '#4a5a6a',
          background: '#f5f6f8',
          surface: '#ffffff',
          error: '#b3261e',
          success: '#2e7d32',
          warning: '#8a5300',
        },
      },
    },
  },
  defaults: {
    VBtn: { variant: 'flat' },
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
  },
});
