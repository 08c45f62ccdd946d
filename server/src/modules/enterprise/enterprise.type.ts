import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Connection } from '../../common/pagination/page.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import type { EnterpriseRow } from './enterprise.reads.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import { EnterpriseSort } from './enterprise-sort.js';

registerEnumType(EnterpriseSort, { name: 'EnterpriseSort' });

@ObjectType('Enterprise', { description: '关联企业' })
export class EnterpriseType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: '统一社会信用代码' })
  creditCode!: string;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => Int)
  version!: number;

  organizationId!: number;
}

@ObjectType()
export class EnterpriseConnection extends Connection(EnterpriseType) {}

@ObjectType()
export class EnterprisePayload {
  @Field(() => EnterpriseType)
  enterprise!: EnterpriseType;

  @Field(() => Boolean, { description: 'false when the input matched what was stored: nothing was written and no history entry made (没有修改)' })
  changed!: boolean;
}

export const EnterpriseResult = createUnionType({ name: 'EnterpriseResult', types: () => [EnterprisePayload, VersionConflict, UserError] as const });

@InputType()
export class EnterpriseInput {
  @Field(() => String)
  @HumanText('labelEnterpriseName')
  @MaxLength(100)
  name!: string;

  @Field(() => String)
  @PlainText('credit code: checked by validateCreditCode')
  @MaxLength(40)
  creditCode!: string;

  @Field(() => String, { nullable: true })
  @HumanText('labelAddress')
  @MaxLength(200)
  address?: string | null;
}

@InputType()
export class UpdateEnterpriseInput extends EnterpriseInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

export function toEnterpriseType(e: EnterpriseRow): EnterpriseType {
  return { id: e.id, name: e.name, creditCode: e.creditCode, address: e.address ?? null, version: e.version, organizationId: e.organizationId };
}
