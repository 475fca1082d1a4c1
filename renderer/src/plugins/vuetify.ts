// Vuetify with a calm, high-contrast theme, SVG icons (no icon font to load) and vue-i18n for its own texts.
import { createVuetify } from 'vuetify';
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg';
import { createVueI18nAdapter } from 'vuetify/locale/adapters/vue-i18n';
import { useI18n } from 'vue-i18n';
import 'vuetify/styles';
import { i18n } from '../i18n/index.ts';
import { accessiblePrimary } from '../lib/contrast.ts';

// The adapter is typed for an untyped message tree; ours is typed (nl/en), which TypeScript cannot widen by itself.
type AdapterI18n = Parameters<typeof createVueI18nAdapter>[0]['i18n'];

const BACKGROUND = '#F4F7F8';

export const vuetify = createVuetify({
  theme: {
    defaultTheme: 'portal',
    themes: {
      portal: {
        dark: false,
        colors: {
          // Every colour below has at least 4.5:1 contrast with its on-colour (WCAG 2.1 AA).
          background: BACKGROUND,
          surface: '#FFFFFF',
          'on-surface': '#1B2326',
          'on-background': '#1B2326',
          primary: '#00596B',
          'on-primary': '#FFFFFF',
          secondary: '#3D5360',
          'on-secondary': '#FFFFFF',
          error: '#A4161A',
          'on-error': '#FFFFFF',
          info: '#0B4F8A',
          'on-info': '#FFFFFF',
          success: '#1E5E2A',
          'on-success': '#FFFFFF',
          warning: '#7A4100',
          'on-warning': '#FFFFFF',
        },
        variables: {
          // Labels and secondary texts use these; Vuetify's defaults (0.6/0.7) fall below 4.5:1 on some greys.
          'medium-emphasis-opacity': 0.8,
          'high-emphasis-opacity': 0.92,
        },
      },
    },
  },
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  locale: { adapter: createVueI18nAdapter({ i18n: i18n as unknown as AdapterI18n, useI18n }) },
  defaults: {
    // Big targets for everyone: 44 px or more (WCAG 2.5.5 is AAA, we still aim for it).
    VBtn: { size: 'large' },
    VTextField: { variant: 'outlined', color: 'primary' },
    VAlert: { variant: 'tonal' },
  },
});

/**
 * Makes the organisation's colour (GET /info) the primary colour, darkened where needed so that white text on it and
 * the colour as text on the page background keep 4.5:1.
 */
export function applyOrganisationColour(colour: string): void {
  const primary = accessiblePrimary(colour, ['#FFFFFF', BACKGROUND]);
  const theme = vuetify.theme.themes.value.portal;
  if (primary && theme) theme.colors.primary = primary;
}
