// Calls of /api/v1/ward/*. The ward computer's secret is added by the desktop app's main process, never here.
import { ApiPath } from '../../../shared/api/paths.ts';
import type { AuthStep } from '../../../shared/api/auth.ts';
import type { AssistedLoginBody, StaffConfirmBody, WardStatus } from '../../../shared/api/ward.ts';
import { del, get, post } from './client.ts';

export const wardApi = {
  status: () => get<WardStatus>(ApiPath.wardComputer),
  register: (label: string) => post<WardStatus>(ApiPath.wardComputer, { label }),
  unregister: async (): Promise<WardStatus> => {
    await del(ApiPath.wardComputer);
    return { registered: false };
  },
  startAssisted: (body: AssistedLoginBody) => post<AuthStep>(ApiPath.assistedLogin, body),
  confirmByStaff: (body: StaffConfirmBody) => post<AuthStep>(ApiPath.assistedLoginConfirm, body),
};
