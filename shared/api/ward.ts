// Ward computers (issue 5 §3): registration by a staff member, and the first login of a resident assisted by one.
// The ward computer's secret travels only between the desktop app's main process and the server, in headers.
import { z } from 'zod';
import { LoginBody } from './auth.ts';

export const RegisterWardComputerBody = z
  .object({
    // Piped: zod's min() on its own would also judge an array's length after the type error.
    label: z.string().trim().pipe(z.string().min(2, 'too_short').max(80, 'too_long')),
  })
  .strict();
export type RegisterWardComputerBody = z.infer<typeof RegisterWardComputerBody>;

/** Step 1 of the assisted first login: the resident's username and temporary password. */
export const AssistedLoginBody = LoginBody;
export type AssistedLoginBody = z.infer<typeof AssistedLoginBody>;

/** Step 2: a staff member of this ward computer's location confirms who the resident is, with his own credentials. */
export const StaffConfirmBody = z
  .object({
    staffUsername: z.string().trim().min(1, 'required').max(64, 'too_long'),
    staffPassword: z.string().min(1, 'required').max(512, 'too_long'),
  })
  .strict();
export type StaffConfirmBody = z.infer<typeof StaffConfirmBody>;

/** Whether the computer asking is a registered ward computer, and where. */
export type WardStatus = { registered: false } | { registered: true; location: string; label: string };
