import { Field, ID, InputType, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { UserError } from '../../common/errors/error-result.js';
import { Tier } from '../../org-scope/tier.js';
import type { OrganizationRow } from './organization.reads.js';
import { Connection } from '../../common/pagination/page.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import { OrganizationSort } from './organization-sort.js';

registerEnumType(OrganizationSort, { name: 'OrganizationSort' });

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => Tier)
  tier!: Tier;

  @Field(() => String, { description: 'Materialized path of ids from the root, e.g. /1/2/5/' })
  path!: string;

  @Field(() => String, { nullable: true, description: '统一社会信用代码' })
  creditCode!: string | null;

  @Field(() => ID, { nullable: true })
  parentId!: number | null;
}

@ObjectType()
export class OrganizationConnection extends Connection(OrganizationType) {}

export function toOrganizationType(o: OrganizationRow): OrganizationType {
  return {
    id: o.id,
    name: o.name,
    tier: o.tier,
    path: o.path,
    creditCode: o.creditCode ?? null,
    parentId: o.parentId ?? null,
  };
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => ID)
  parentId!: string;

  @Field(() => String)
  @HumanText('labelOrganizationName')
  @MaxLength(100)
  name!: string;

  @Field(() => Tier)
  tier!: Tier;

  @Field(() => String, { nullable: true, description: '统一社会信用代码; required for grassroots unions' })
  @PlainText('credit code: checked by validateCreditCode')
  @MaxLength(40)
  creditCode?: string | null;
}

@ObjectType()
export class OrganizationPayload {
  @Field(() => OrganizationType)
  organization!: OrganizationType;
}

export const OrganizationResult = createUnionType({ name: 'OrganizationResult', types: () => [OrganizationPayload, UserError] as const });
