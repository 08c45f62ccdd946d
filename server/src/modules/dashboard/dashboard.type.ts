import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('WorkbenchDay', { description: 'One day of the workbench chart' })
export class WorkbenchDayType {
  @Field(() => String, { description: 'YYYY-MM-DD' })
  date!: string;

  @Field(() => Int, { description: 'Members who joined that day (by joinedAt)' })
  newMembers!: number;

  @Field(() => Int, { description: 'E-cards (电子会员证) activated that day' })
  ecardActivations!: number;
}

@ObjectType('Workbench', { description: "业务工作台: figures of an organization's subtree, from maintained counters" })
export class WorkbenchType {
  /** Resolved only when asked for (see DashboardResolver.organization). */
  organizationId!: number;

  @Field(() => String, { description: 'The business date (Asia/Shanghai) the figures are relative to' })
  today!: string;

  @Field(() => String, { description: 'First day of the range, YYYY-MM-DD' })
  from!: string;

  @Field(() => String, { description: 'Last day of the range, YYYY-MM-DD' })
  to!: string;

  @Field(() => Int, { description: 'Members of every life status' })
  memberCount!: number;

  @Field(() => Int)
  activeMemberCount!: number;

  @Field(() => Int, { description: 'Grassroots unions, the organization itself included' })
  grassrootsCount!: number;

  @Field(() => Int, { description: '关联企业 covered' })
  enterpriseCount!: number;

  @Field(() => Int)
  newToday!: number;

  @Field(() => Int, { description: 'Since Monday' })
  newThisWeek!: number;

  @Field(() => Int, { description: 'Since the first of the month' })
  newThisMonth!: number;

  @Field(() => Int)
  newInRange!: number;

  @Field(() => Int)
  ecardActivationsInRange!: number;

  @Field(() => [WorkbenchDayType], { description: 'Every day of the range, oldest first' })
  daily!: WorkbenchDayType[];
}
