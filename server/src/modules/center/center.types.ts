import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../../common/pagination/page.js';
import { MemberType } from '../member/member.type.js';

@ObjectType({ description: '保障信息: a member covered in a year' })
export class CoverageType {
  @Field(() => MemberType)
  member!: MemberType;

  @Field(() => Int)
  year!: number;

  @Field(() => ID)
  planId!: number;

  @Field(() => String)
  coverageStart!: string;

  @Field(() => String)
  coverageEnd!: string;

  @Field(() => ID)
  districtBatchId!: number;

  @Field(() => String, { description: '参保批次: the district batch’s number' })
  batchNo!: string;
}

@ObjectType()
export class CoverageConnection extends Connection(CoverageType) {}

@ArgsType()
export class CoverageArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, { nullable: true, description: 'One union of the caller’s subtree' })
  organizationId?: string | null;
}
