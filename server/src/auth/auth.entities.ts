import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Account } from './account.entity.js';

/** A login session. Only the SHA-256 of the cookie value is stored, so a database leak yields no usable session. */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ length: 64 })
  tokenHash!: string;

  @ManyToOne(() => Account, { ref: true, index: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  lastSeenAt!: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;
}

/** A captcha challenge: single use (deleted when tried), expires after two minutes. */
@Entity({ tableName: 'captcha' })
export class Captcha {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  answerHash!: string;

  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;
}

/**
 * Failed password checks per username and client address (usernames known or not, so lockout behaves the
 * same for both). See login-lockout.ts.
 */
@Entity({ tableName: 'login_failure' })
@Index({ properties: ['username', 'ip', 'at'] })
export class LoginFailure {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64 })
  username!: string;

  @Property({ type: 'string', length: 64 })
  ip!: string;

  @Property({ type: 'datetime' })
  @Index()
  at!: Date;
}

/** A username locked for one client (its clientKey), or for every client when `ip` is `*`. */
@Entity({ tableName: 'login_lock' })
export class LoginLock {
  @PrimaryKey({ length: 64 })
  username!: string;

  @PrimaryKey({ length: 64 })
  ip!: string;

  @Property({ type: 'datetime' })
  @Index()
  lockedUntil!: Date;
}
