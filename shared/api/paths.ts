// Every HTTP path of the API, declared once for server routes, the renderer's client and the tests.
export const API_PREFIX = '/api/v1';

export const ApiPath = {
  health: '/health',
  info: '/info',
  infoLogo: '/info/logo',
  login: '/auth/login',
  loginState: '/auth/login-state',
  verifyDevice: '/auth/verify-device',
  resendCode: '/auth/resend-code',
  changePassword: '/auth/change-password',
  forgotPassword: '/auth/forgot-password',
  resetCheck: '/auth/reset-password/check',
  resetPassword: '/auth/reset-password',
  logout: '/auth/logout',
  me: '/auth/me',
  clients: '/clients',
  accessLog: '/clients/:clientId/access-log',
  appointments: '/clients/:clientId/appointments',
  wardComputer: '/ward/computer',
  assistedLogin: '/ward/assisted-login',
  assistedLoginConfirm: '/ward/assisted-login/confirm',
  syncStatus: '/sync/status',
} as const;

/** Header through which the desktop app (main process) presents the device secret it keeps in the OS keychain. */
export const DEVICE_SECRET_HEADER = 'x-device-secret';
/** Header through which the desktop app on a ward computer presents that computer's secret (its keychain). */
export const WARD_COMPUTER_HEADER = 'x-ward-computer';
/** Header of the registration answer carrying the new ward-computer secret; main stores it and strips it. */
export const WARD_COMPUTER_SECRET_HEADER = 'x-ward-computer-secret';
/** Cookie names used in web mode. */
export const Cookie = { session: 'cp_session', login: 'cp_login', device: 'cp_device' } as const;
