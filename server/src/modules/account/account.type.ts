import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Connection } from '../../common/pagination/page.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import { Role } from '../../auth/role.js';
import type { AccountRow } from './account.reads.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import { AccountSort } from './account-sort.js';

registerEnumType(AccountSort, { name: 'AccountSort' });

@ObjectType('Account')
export class AccountType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Boolean)
  disabled!: boolean;

  @Field(() => Boolean)
  mustChangePassword!: boolean;

  @Field(() => Date, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: 'Send back with changes; a stale version is refused' })
  version!: number;

  organizationId!: number;
}

@ObjectType()
export class AccountConnection extends Connection(AccountType) {}

@ObjectType()
export class AccountPayload {
  @Field(() => AccountType)
  account!: AccountType;

  @Field(() => Boolean, { description: 'false when the input matched what was stored: nothing was written and no history entry made (没有修改)' })
  changed!: boolean;
}

export const AccountResult = createUnionType({ name: 'AccountResult', types: () => [AccountPayload, VersionConflict, UserError] as const });

@ObjectType({ description: 'Shown once; the account must change it at its next login' })
export class TemporaryPassword {
  @Field(() => AccountType)
  account!: AccountType;

  @Field(() => String)
  temporaryPassword!: string;
}

export const TemporaryPasswordResult = createUnionType({ name: 'TemporaryPasswordResult', types: () => [TemporaryPassword, UserError] as const });

@InputType()
export class CreateAccountInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => String)
  @PlainText('username: checked against its own format')
  @MaxLength(64)
  username!: string;

  @Field(() => String)
  @HumanText('labelDisplayName')
  @MaxLength(64)
  displayName!: string;

  @Field(() => Role)
  role!: Role;
}

@InputType()
export class SetAccountDisabledInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  disabled!: boolean;

  @Field(() => Int)
  version!: number;
}

export function toAccountType(a: AccountRow): AccountType {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    lastLoginAt: a.lastLoginAt ?? null,
    createdAt: a.createdAt,
    version: a.version,
    organizationId: a.organizationId,
  };
}
