// Route names and their Dutch paths, declared once.
import { INVITATION_ROUTE } from '../../../shared/api/network.ts';

export const RouteName = {
  login: 'login',
  verifyDevice: 'verify-device',
  changePassword: 'change-password',
  forgotPassword: 'forgot-password',
  assistedLogin: 'assisted-login',
  resetPassword: 'reset-password',
  home: 'home',
  information: 'information',
  appointments: 'appointments',
  messages: 'messages',
  file: 'file',
  details: 'details',
  accessLog: 'access-log',
  settings: 'settings',
  confirmEmail: 'confirm-email',
  network: 'network',
  invitation: 'invitation',
  myInvitations: 'my-invitations',
  connection: 'connection',
  notFound: 'not-found',
} as const;
export type RouteName = (typeof RouteName)[keyof typeof RouteName];

export const RoutePath = {
  login: '/inloggen',
  verifyDevice: '/apparaat-verificatie',
  changePassword: '/wachtwoord-wijzigen',
  forgotPassword: '/wachtwoord-vergeten',
  assistedLogin: '/eerste-keer-met-hulp',
  resetPassword: '/wachtwoord-herstellen',
  home: '/',
  information: '/informatie',
  appointments: '/afspraken',
  messages: '/berichten',
  file: '/dossier',
  details: '/gegevens',
  accessLog: '/wie-heeft-mijn-dossier-bekeken',
  settings: '/instellingen',
  confirmEmail: '/gegevens/e-mail-bevestigen',
  network: '/gebruikersbeheer',
  invitation: INVITATION_ROUTE,
  myInvitations: '/uitnodigingen',
  connection: '/verbinding',
} as const;
