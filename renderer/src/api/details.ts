// Calls of /api/v1/clients/:clientId/details and …/board: "Mijn gegevens" and the Prikbord.
import {
  BoardPath,
  DetailsPath,
  type BoardResponse,
  type CreatePostBody,
  type DetailsResponse,
  type EmailChangeStarted,
  type MobileChangeStarted,
  type OwnContactDetails,
  type PhotoUploaded,
  type PostItem,
  type ReactionItem,
} from '../../../shared/api/details.ts';
import { del, get, http, post } from './client.ts';

const withClient = (path: string, clientId: number) => path.replace(':clientId', String(clientId));
const postPath = (path: string, clientId: number, postId: number) =>
  withClient(path, clientId).replace(':postId', String(postId));

/** The content type the server accepts; anything else is sent as JPEG and refused by its real format. */
export function uploadType(file: Blob): 'image/jpeg' | 'image/png' {
  return file.type === 'image/png' ? 'image/png' : 'image/jpeg';
}

export const detailsApi = {
  details: (clientId: number) => get<DetailsResponse>(withClient(DetailsPath.details, clientId)),
  me: (clientId: number) => get<OwnContactDetails>(withClient(DetailsPath.me, clientId)),
  changeMobile: (clientId: number, mobile: string) =>
    post<MobileChangeStarted>(withClient(DetailsPath.mobile, clientId), { mobile }),
  confirmMobile: (clientId: number, code: string) =>
    post<OwnContactDetails>(withClient(DetailsPath.mobileConfirm, clientId), { code }),
  changeEmail: (clientId: number, email: string) =>
    post<EmailChangeStarted>(withClient(DetailsPath.email, clientId), { email }),
  confirmEmail: (token: string) => post<{ email: string }>(DetailsPath.emailConfirm, { token }),
};

export const boardApi = {
  posts: (clientId: number, before?: number) =>
    get<BoardResponse>(withClient(BoardPath.posts, clientId) + (before ? `?before=${before}` : '')),
  create: (clientId: number, body: CreatePostBody) => post<PostItem>(withClient(BoardPath.posts, clientId), body),
  remove: (clientId: number, postId: number) => del(postPath(BoardPath.post, clientId, postId)),
  react: (clientId: number, postId: number, text: string) =>
    post<ReactionItem>(postPath(BoardPath.reactions, clientId, postId), { text }),
  removeReaction: (clientId: number, postId: number, reactionId: number) =>
    del(postPath(BoardPath.reaction, clientId, postId).replace(':reactionId', String(reactionId))),
  async uploadPhoto(clientId: number, file: Blob): Promise<PhotoUploaded> {
    const res = await http.post<PhotoUploaded>(withClient(BoardPath.photos, clientId), file, {
      headers: { 'Content-Type': uploadType(file) },
      timeout: 120_000,
    });
    return res.data;
  },
};
