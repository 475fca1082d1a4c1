// IPC of the connection: read it, check a candidate server, save a new choice (connection-save.ts), each behind
// guardedHandler (sender check + zod parsing).
import { ipcMain } from 'electron';
import { z } from 'zod';
import { ConnectionCheckArgs, ConnectionSaveArgs, IpcChannel, type ConnectionState } from '../../shared/ipc.ts';
import { guardedHandler } from './ipc-guard.ts';
import { saveConnection, type ConnectionIpcContext } from './connection-save.ts';

export type { ConnectionIpcContext } from './connection-save.ts';

export function registerConnectionHandlers(ctx: ConnectionIpcContext): void {
  ipcMain.handle(
    IpcChannel.connectionGet,
    guardedHandler(z.tuple([]), (): ConnectionState => ({ ...ctx.state })),
  );
  ipcMain.handle(
    IpcChannel.connectionCheck,
    guardedHandler(ConnectionCheckArgs, ([address]) => ctx.check(address)),
  );
  ipcMain.handle(
    IpcChannel.connectionSave,
    guardedHandler(ConnectionSaveArgs, ([choice]) => saveConnection(ctx, choice)),
  );
}
