import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { i18n, applyDocumentLang, currentLocale } from './i18n/index.ts';
import { vuetify } from './plugins/vuetify.ts';
import './styles/app.css';
import { createAppRouter } from './router/index.ts';
import { authGuard } from './router/guard.ts';
import { RouteName } from './router/names.ts';
import { useAuthStore } from './stores/auth.ts';
import { useNoticeStore } from './stores/notice.ts';
import { usePublicInfoStore } from './stores/public-info.ts';
import { useClientsStore } from './stores/clients.ts';
import { useMyInvitationsStore } from './stores/my-invitations.ts';
import { useConnectionStore } from './stores/connection.ts';
import { signedOutNotice } from './lib/desktop.ts';
import { usePreferencesStore } from './stores/preferences.ts';
import { applyOrganisationColour } from './plugins/vuetify.ts';
import { serverNow, setRefusedHandler, setUnauthorizedHandler } from './api/client.ts';
import { ErrorCode } from '../../shared/api/errors.ts';
import { noteNavigation } from './lib/navigation.ts';

// A ward computer starts afresh after each sign-out: the login page says why. The reason is taken off the address
// before the router is created (it reads the address then), so no page sees it and a reload does not repeat it.
const signedOut = signedOutNotice(window.location.href);
if (signedOut) window.history.replaceState(window.history.state, '', signedOut.address);

const app = createApp(App);
const pinia = createPinia();
const router = createAppRouter();

app.use(pinia).use(i18n).use(vuetify).use(router);

const auth = useAuthStore(pinia);
const notices = useNoticeStore(pinia);
const publicInfo = usePublicInfoStore(pinia);
const clients = useClientsStore(pinia);
const myInvitations = useMyInvitationsStore(pinia);
const preferences = usePreferencesStore(pinia);
const connection = useConnectionStore(pinia);
void publicInfo.load();

if (signedOut?.notice) notices.set(signedOut.notice, 'info');

// Desktop app without a server or mode yet: every page goes to the first-start page.
async function setupNeeded(): Promise<boolean> {
  await connection.load();
  return connection.setupNeeded;
}

router.beforeEach(async (to) => {
  const result = await authGuard(to, { auth, notify: notices.set, now: serverNow, setupNeeded });
  // Signed in: know whose portal is shown and with which rights before the page renders (panels, section pages).
  if (result === true && auth.me) await clients.ensureLoaded(auth.me.id);
  return result;
});
// Logout, an expired session or another user: nothing of the previous user's clients stays in this window.
watch(
  () => auth.me?.id ?? null,
  (id) => {
    if (id === null || (clients.userId !== null && clients.userId !== id)) clients.clear();
    if (id === null || (myInvitations.userId !== null && myInvitations.userId !== id)) myInvitations.clear();
  },
);
// The user's language and text size follow him: applied after every sign-in, dropped at logout.
watch(
  () => auth.me?.id ?? null,
  (id) => {
    if (id === null) return preferences.clear();
    if (preferences.userId !== id) {
      // Without them the portal still works, in the language and size of this device.
      preferences.load(id).catch(() => undefined);
    }
  },
  { immediate: true },
);

function updateDocumentTitle(): void {
  const key = router.currentRoute.value.meta.titleKey;
  const org = publicInfo.info?.organisationName;
  const base = org ? `${i18n.global.t('app.name')} ${org}` : i18n.global.t('app.name');
  document.title = key ? `${i18n.global.t(key)} – ${base}` : base;
}

router.afterEach((_to, _from, failure) => {
  if (!failure) noteNavigation();
  updateDocumentTitle();
});
watch(
  () => publicInfo.info?.primaryColor,
  (colour) => {
    if (colour) applyOrganisationColour(colour);
  },
);
watch([() => publicInfo.info, () => i18n.global.locale.value], () => {
  applyDocumentLang(currentLocale());
  updateDocumentTitle();
});
applyDocumentLang(currentLocale());

// A call that finds the session gone (idle timeout, revoked elsewhere): back to the login page, with the reason.
setUnauthorizedHandler((error) => {
  if (!auth.me) return;
  auth.clear();
  notices.set(
    error.code === ErrorCode.sessionExpired ? 'notices.sessionExpired' : 'notices.unauthenticated',
    'warning',
  );
  void router.replace({ name: RouteName.login });
});

// A refused call about a client: its rights are loaded again, so every page follows what the server now allows.
setRefusedHandler(() => {
  void clients.refresh();
});

app.mount('#app');
