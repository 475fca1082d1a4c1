// Calls of /api/v1/clients/:clientId/messages: "Mijn berichten".
import {
  MessagePath,
  type CreateThreadBody,
  type RecipientsResponse,
  type ThreadDetail,
  type ThreadsResponse,
} from '../../../shared/api/messages.ts';
import { get, post } from './client.ts';

const path = (p: string, clientId: number, threadId?: number) =>
  p.replace(':clientId', String(clientId)).replace(':threadId', String(threadId ?? ''));

export const messagesApi = {
  list: (clientId: number) => get<ThreadsResponse>(path(MessagePath.list, clientId)),
  recipients: (clientId: number) => get<RecipientsResponse>(path(MessagePath.recipients, clientId)),
  create: (clientId: number, body: CreateThreadBody) => post<ThreadDetail>(path(MessagePath.list, clientId), body),
  open: (clientId: number, threadId: number) => get<ThreadDetail>(path(MessagePath.thread, clientId, threadId)),
  reply: (clientId: number, threadId: number, text: string) =>
    post<ThreadDetail>(path(MessagePath.replies, clientId, threadId), { text }),
  markUnread: (clientId: number, threadId: number) => post<void>(path(MessagePath.unread, clientId, threadId)),
};
