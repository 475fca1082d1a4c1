// Web-history router with Dutch paths. Sign-in pages and the home screen load at once; the rest on demand.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { Section } from '../../../shared/sections.ts';
import type { Access } from './guard.ts';
import { RouteName, RoutePath } from './names.ts';
import LoginPage from '../pages/LoginPage.vue';
import HomePage from '../pages/HomePage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    access?: Access;
    /** i18n key of the page title (h1 and document title). */
    titleKey?: string;
    /** Shows the top bar (signed-in pages). */
    topBar?: boolean;
    /** The section right the page needs for the client shown (checked by the page, which then says so). */
    section?: Section;
    /**
     * The page reads a token from the link's fragment (e-mail links). A second link opened in the same tab changes
     * only the fragment: App.vue then mounts the page afresh, so it reads the new token.
     */
    linkToken?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    name: RouteName.login,
    path: RoutePath.login,
    component: LoginPage,
    meta: { access: 'guest', titleKey: 'login.title' },
  },
  {
    name: RouteName.verifyDevice,
    path: RoutePath.verifyDevice,
    component: () => import('../pages/VerifyDevicePage.vue'),
    meta: { access: 'verify', titleKey: 'verify.title' },
  },
  {
    name: RouteName.changePassword,
    path: RoutePath.changePassword,
    component: () => import('../pages/ChangePasswordPage.vue'),
    meta: { access: 'change-password', titleKey: 'changePassword.title' },
  },
  {
    // Only on a registered ward computer; the page itself says so elsewhere.
    name: RouteName.assistedLogin,
    path: RoutePath.assistedLogin,
    component: () => import('../pages/AssistedLoginPage.vue'),
    meta: { access: 'guest', titleKey: 'assisted.title' },
  },
  {
    name: RouteName.forgotPassword,
    path: RoutePath.forgotPassword,
    component: () => import('../pages/ForgotPasswordPage.vue'),
    meta: { access: 'public', titleKey: 'forgot.title' },
  },
  {
    name: RouteName.resetPassword,
    path: RoutePath.resetPassword,
    component: () => import('../pages/ResetPasswordPage.vue'),
    meta: { access: 'public', titleKey: 'reset.title', linkToken: true },
  },
  {
    name: RouteName.home,
    path: RoutePath.home,
    component: HomePage,
    meta: { access: 'protected', titleKey: 'home.title', topBar: true },
  },
  {
    name: RouteName.information,
    path: RoutePath.information,
    component: () => import('../pages/InformationPage.vue'),
    meta: { access: 'optional', titleKey: 'info.title', topBar: true },
  },
  {
    name: RouteName.appointments,
    path: RoutePath.appointments,
    component: () => import('../pages/AgendaPage.vue'),
    meta: { access: 'protected', titleKey: 'panels.appointments.title', topBar: true, section: Section.appointments },
  },
  {
    name: RouteName.messages,
    path: RoutePath.messages,
    component: () => import('../pages/MessagesPage.vue'),
    meta: { access: 'protected', titleKey: 'panels.messages.title', topBar: true, section: Section.messages },
  },
  {
    name: RouteName.file,
    path: RoutePath.file,
    component: () => import('../pages/DossierPage.vue'),
    meta: { access: 'protected', titleKey: 'panels.file.title', topBar: true, section: Section.dossier },
  },
  {
    name: RouteName.details,
    path: RoutePath.details,
    component: () => import('../pages/DetailsPage.vue'),
    meta: { access: 'protected', titleKey: 'panels.details.title', topBar: true, section: Section.data },
  },
  {
    name: RouteName.confirmEmail,
    path: RoutePath.confirmEmail,
    component: () => import('../pages/ConfirmEmailPage.vue'),
    meta: { access: 'public', titleKey: 'details.confirmEmailTitle', linkToken: true },
  },
  {
    name: RouteName.accessLog,
    path: RoutePath.accessLog,
    component: () => import('../pages/AccessLogPage.vue'),
    meta: { access: 'protected', titleKey: 'accessLog.title', topBar: true },
  },
  {
    name: RouteName.settings,
    path: RoutePath.settings,
    component: () => import('../pages/SettingsPage.vue'),
    meta: { access: 'protected', titleKey: 'settings.title', topBar: true },
  },
  {
    name: RouteName.network,
    path: RoutePath.network,
    component: () => import('../pages/NetworkPage.vue'),
    meta: { access: 'protected', titleKey: 'network.title', topBar: true },
  },
  {
    // Public: the link from the invitation e-mail, opened before any account exists.
    name: RouteName.invitation,
    path: RoutePath.invitation,
    component: () => import('../pages/InvitationPage.vue'),
    meta: { access: 'public', titleKey: 'invitation.title', linkToken: true },
  },
  {
    name: RouteName.myInvitations,
    path: RoutePath.myInvitations,
    component: () => import('../pages/MyInvitationsPage.vue'),
    meta: { access: 'protected', titleKey: 'myInvitations.title', topBar: true },
  },
  {
    // The desktop app's first start (no server or mode yet); elsewhere the guard sends it to the login page.
    name: RouteName.connection,
    path: RoutePath.connection,
    component: () => import('../pages/ConnectionSetupPage.vue'),
    meta: { access: 'setup', titleKey: 'connection.setupTitle' },
  },
  {
    name: RouteName.notFound,
    path: '/:pathMatch(.*)*',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { access: 'optional', titleKey: 'notFound.title', topBar: true },
  },
];

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
}
