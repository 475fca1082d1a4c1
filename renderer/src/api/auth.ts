// Calls of /api/v1/auth/* and /info. Only types come from shared/api/auth.ts: its zod schemas would pull the
// password dictionaries into the first page's bundle.
import { ApiPath } from '../../../shared/api/paths.ts';
import type {
  AuthStep,
  ChangePasswordBody,
  ForgotPasswordBody,
  ForgotPasswordResponse,
  LoginBody,
  MeResponse,
  PublicInfo,
  ResetPasswordBody,
  VerificationInfo,
} from '../../../shared/api/auth.ts';
import { get, post } from './client.ts';

export const authApi = {
  info: () => get<PublicInfo>(ApiPath.info),
  login: (body: LoginBody) => post<AuthStep>(ApiPath.login, body),
  loginState: () => get<AuthStep>(ApiPath.loginState),
  verifyDevice: (code: string) => post<AuthStep>(ApiPath.verifyDevice, { code }),
  resendCode: () => post<{ verification: VerificationInfo }>(ApiPath.resendCode, {}),
  changePassword: (body: ChangePasswordBody) => post<AuthStep>(ApiPath.changePassword, body),
  forgotPassword: (body: ForgotPasswordBody) => post<ForgotPasswordResponse>(ApiPath.forgotPassword, body),
  resetCheck: (token: string) => post<{ valid: true }>(ApiPath.resetCheck, { token }),
  resetPassword: (body: ResetPasswordBody) => post<{ done: true }>(ApiPath.resetPassword, body),
  logout: () => post<void>(ApiPath.logout, {}),
  me: () => get<MeResponse>(ApiPath.me),
};
