import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AuditKeyProvider } from '../handlers/core';

const KEY_BYTES = 32;

/** The key can't be kept safe here: start-up stops with this message instead of writing a key anyone can read. */
export class AuditKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyUnavailableError';
  }
}

async function requireOsKeystore(): Promise<void> {
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new AuditKeyUnavailableError(
      'AccessDesk protects the key of its audit log with the system keyring, but this Linux session has none (Electron would fall back to "basic_text", a password built into every copy of the app). Sign in to a desktop with GNOME Keyring or KWallet running, or start AccessDesk with --password-store="gnome-libsecret" or --password-store="kwallet5".',
    );
  }
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new AuditKeyUnavailableError('AccessDesk cannot reach the system keystore to protect the key of its audit log, so it will not start. Check that your keychain or keyring is unlocked and try again.');
  }
}

/**
 * The store's audit key: 32 random bytes, wrapped by the OS keystore (Keychain, DPAPI, libsecret or KWallet)
 * and kept beside the store as `<store>.auditkey`, never inside it.
 */
export function safeStorageAuditKeyProvider(): AuditKeyProvider {
  return {
    async keyFor(storeFile) {
      await requireOsKeystore();
      const file = `${storeFile}.auditkey`;
      if (!existsSync(file)) {
        const key = randomBytes(KEY_BYTES);
        writeFileSync(file, await safeStorage.encryptStringAsync(key.toString('hex')), { mode: 0o600, flag: 'wx' });
        return key;
      }
      let hex: string;
      try {
        hex = (await safeStorage.decryptStringAsync(readFileSync(file))).result;
      } catch {
        throw new AuditKeyUnavailableError(
          `The key of the audit log (${file}) cannot be unwrapped by this computer's keystore: it was made by another user or computer. Open the store where it was created, or restore the key file that belongs to it.`,
        );
      }
      const key = Buffer.from(hex, 'hex');
      if (key.length !== KEY_BYTES) throw new AuditKeyUnavailableError(`The key of the audit log (${file}) is damaged.`);
      return key;
    },
  };
}
