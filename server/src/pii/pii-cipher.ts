import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/** IVs are drawn from a pool of random bytes: one randomBytes call per 1024 values, not per value (it dominated bulk sealing). */
const IV_BYTES = 12;
const IV_POOL = 1024;
const BYTES_V1 = Buffer.from([1]);

/**
 * Personal data at rest (ID numbers, phones): AES-256-GCM ciphertext for the value, and a keyed
 * HMAC "blind index" for uniqueness and exact search, so neither the database nor a dump of it
 * holds a readable or guessable value. Both keys derive from one 32-byte master key (APP_DATA_KEY),
 * which lives outside the database.
 */
export class PiiCipher {
  private readonly encKey: KeyObject;
  private readonly indexKey: KeyObject;
  private ivPool = Buffer.alloc(0);
  private ivNext = 0;

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
    this.encKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-encryption-v1', 32)));
    this.indexKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'pii-blind-index-v1', 32)));
  }

  /** The master key, to build the same cipher in a worker thread of this process (never logged or stored). */
  keyForWorker(): Uint8Array {
    return Uint8Array.from(this.masterKey);
  }

  private nextIv(): Buffer {
    if (this.ivNext >= this.ivPool.length) {
      this.ivPool = randomBytes(IV_BYTES * IV_POOL);
      this.ivNext = 0;
    }
    this.ivNext += IV_BYTES;
    return this.ivPool.subarray(this.ivNext - IV_BYTES, this.ivNext);
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url; a fresh IV each time, so equal values encrypt differently. */
  encrypt(plain: string): string {
    const iv = this.nextIv();
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

  /** Bytes (a whole upload) sealed the same way: version byte, IV, tag, ciphertext, as one buffer. */
  sealBytes(plain: Buffer): Buffer {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([BYTES_V1, iv, cipher.getAuthTag(), data]);
  }

  unsealBytes(sealed: Buffer): Buffer {
    if (sealed.length < 1 + IV_BYTES + 16 || sealed[0] !== BYTES_V1[0]) throw new Error('not sealed bytes');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, sealed.subarray(1, 1 + IV_BYTES));
    decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + 16));
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + 16)), decipher.final()]);
  }

  /** Deterministic for one key: equal normalised values give equal indexes. `kind` keeps ID, phone and card number indexes apart. */
  blindIndex(kind: 'id' | 'mobile' | 'card', normalised: string): string {
    return createHmac('sha256', this.indexKey).update(`${kind}:${normalised}`).digest('base64url');
  }
}
