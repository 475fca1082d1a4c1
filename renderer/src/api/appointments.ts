// Calls of /api/v1/clients/:clientId/appointments: the agenda of "Mijn afspraken".
import {
  AppointmentPath,
  type AppointmentItem,
  type AppointmentsResponse,
  type CreateAppointmentBody,
  type UpdateAppointmentBody,
} from '../../../shared/api/appointments.ts';
import { del, get, patch, post } from './client.ts';

const list = (clientId: number) => AppointmentPath.list.replace(':clientId', String(clientId));
const one = (clientId: number, id: number) =>
  AppointmentPath.one.replace(':clientId', String(clientId)).replace(':appointmentId', String(id));

export const appointmentsApi = {
  list: (clientId: number, from: string, to: string) =>
    get<AppointmentsResponse>(`${list(clientId)}?${new URLSearchParams({ from, to }).toString()}`),
  create: (clientId: number, body: CreateAppointmentBody) => post<AppointmentItem>(list(clientId), body),
  update: (clientId: number, id: number, body: UpdateAppointmentBody) =>
    patch<AppointmentItem>(one(clientId, id), body),
  remove: (clientId: number, id: number) => del(one(clientId, id)),
};
