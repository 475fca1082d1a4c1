// The remembered-device secrets of the desktop app, in the OS keychain (DESIGN §5, issue 5 §2). One entry per server
// and user: service = the app id, account = the server's origin + the username. The secret stays in the main process:
// it is read here to be attached to the sign-in request, and never handed to the renderer.
// The keychain sits behind KeychainBackend (keytar's own shape) so keytar, which is no longer maintained, can be
// swapped. Where no keychain works (Linux without a Secret Service) nothing is stored at all, never in a plain file:
// the app then says this computer cannot remember the device, and every sign-in asks for the SMS code.

/** The app id of electron-builder.yml: the keychain's service name. */
export const KEYCHAIN_SERVICE = 'nl.clientportaal.app';

/** What the store needs of a keychain: keytar's functions, in keytar's shape. */
export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Where keytar itself is missing (an optional dependency whose native build failed): a keychain that never works. */
export const NO_KEYCHAIN: KeychainBackend = {
  getPassword: () => Promise.reject(new Error('no keychain')),
  setPassword: () => Promise.reject(new Error('no keychain')),
  deletePassword: () => Promise.reject(new Error('no keychain')),
};

/**
 * keytar, loaded on first use; NO_KEYCHAIN when it does not load (the app then asks for the SMS code at every
 * sign-in). Lazy, so starting the app never waits for the native module.
 */
export function loadKeychain(
  load: () => Promise<KeychainBackend> = async () => (await import('keytar')).default,
): KeychainBackend {
  let backend: Promise<KeychainBackend> | null = null;
  const ready = () => (backend ??= load().catch(() => NO_KEYCHAIN));
  return {
    getPassword: async (service, account) => (await ready()).getPassword(service, account),
    setPassword: async (service, account, password) => (await ready()).setPassword(service, account, password),
    deletePassword: async (service, account) => (await ready()).deletePassword(service, account),
  };
}

/** A device secret as the server issues it: 256 random bits, base64url (the server refuses anything else too). */
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The account name of one user at one server. The origin only (scheme, host, port), so a path or a trailing slash in
 * the configured URL names the same entry; the username as the server compares it (case-insensitive, trimmed).
 */
export function keychainAccount(serverUrl: string, username: string): string {
  const user = username.trim().toLowerCase();
  if (!user) throw new Error('a username is needed');
  return `${new URL(serverUrl).origin} ${user}`;
}

/**
 * The keychain account of this computer's own ward-computer secret at one server. "#" cannot occur in a username
 * (letters, digits, ".", "_", "-"), so no user's entry can take its place.
 */
export function wardComputerAccount(serverUrl: string): string {
  return `${new URL(serverUrl).origin} #ward-computer`;
}

export type SaveResult = { stored: true } | { stored: false; reason: 'no-keychain' };

export class DeviceSecretStore {
  constructor(
    private readonly keychain: KeychainBackend,
    private readonly service = KEYCHAIN_SERVICE,
  ) {}

  /** Whether this computer has a working keychain (answers a read); false where no Secret Service runs. */
  async available(): Promise<boolean> {
    try {
      await this.keychain.getPassword(this.service, 'keychain-check');
      return true;
    } catch {
      return false;
    }
  }

  /** The secret remembered for this user at this server; null when none, or when the keychain cannot be read. */
  load(serverUrl: string, username: string): Promise<string | null> {
    return this.get(keychainAccount(serverUrl, username));
  }

  /** Remembers the secret the server issued after a correct SMS code; without a keychain it is not kept anywhere. */
  save(serverUrl: string, username: string, secret: string): Promise<SaveResult> {
    return this.put(keychainAccount(serverUrl, username), secret);
  }

  /** Forgets the device for this user at this server (revoked, or the server no longer knows it). */
  forget(serverUrl: string, username: string): Promise<boolean> {
    return this.remove(keychainAccount(serverUrl, username));
  }

  /** The secret by which this computer is a registered ward computer of that server; null when it is none. */
  loadWardComputer(serverUrl: string): Promise<string | null> {
    return this.get(wardComputerAccount(serverUrl));
  }

  /** Keeps the secret a staff member's registration of this ward computer brought. */
  saveWardComputer(serverUrl: string, secret: string): Promise<SaveResult> {
    return this.put(wardComputerAccount(serverUrl), secret);
  }

  forgetWardComputer(serverUrl: string): Promise<boolean> {
    return this.remove(wardComputerAccount(serverUrl));
  }

  private async get(account: string): Promise<string | null> {
    let value: string | null;
    try {
      value = await this.keychain.getPassword(this.service, account);
    } catch {
      return null;
    }
    // Something else under our name (or a damaged entry) is never sent to the server.
    return value !== null && SECRET_RE.test(value) ? value : null;
  }

  private async put(account: string, secret: string): Promise<SaveResult> {
    if (!SECRET_RE.test(secret)) throw new Error('not a device secret');
    try {
      await this.keychain.setPassword(this.service, account, secret);
      return { stored: true };
    } catch {
      return { stored: false, reason: 'no-keychain' };
    }
  }

  private async remove(account: string): Promise<boolean> {
    try {
      return await this.keychain.deletePassword(this.service, account);
    } catch {
      return false;
    }
  }
}
