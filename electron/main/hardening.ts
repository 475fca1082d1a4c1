// Electron security checklist items that are not window options: permissions, navigation, new windows, webviews.
// Applied to every webContents the app ever creates, so a later window cannot forget them.
import { app, shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';
import { isAllowedExternalUrl, type ExternalLinkPolicy } from './external-links.ts';

/** The portal needs no camera, microphone, notifications, geolocation, USB, ...: deny every request and check. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function openIfAllowed(url: string, policy: ExternalLinkPolicy): void {
  if (isAllowedExternalUrl(url, policy)) void shell.openExternal(url);
}

function hardenWebContents(contents: WebContents, policy: ExternalLinkPolicy): void {
  // The renderer is a single-page app: client-side routing never fires will-navigate, so any real navigation is
  // either a plain link (opened externally if allowlisted) or something we did not write.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    if (!isAppUrl(event.url)) openIfAllowed(event.url, policy);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, policy);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenAllWebContents(policy: ExternalLinkPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}
