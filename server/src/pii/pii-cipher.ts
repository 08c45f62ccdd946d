import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (ID numbers, phones): AES-256-GCM ciphertext for the value, and a keyed
 * HMAC "blind index" for uniqueness and exact search, so neither the database nor a dump of it
 * holds a readable or guessable value. Both keys derive from one 32-byte master key (APP_DATA_KEY),
 * which lives outside the database.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-encryption-v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-blind-index-v1', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh IV each time, so equal values encrypt differently. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic for one key: equal normalised values give equal indexes. `kind` keeps ID and phone indexes apart. */
  blindIndex(kind: 'id' | 'mobile', normalised: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${normalised}`).digest('base64url');
  }
}
