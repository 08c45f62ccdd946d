import { ArgsType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import {
  AUDIT_ACTIONS,
  AUDIT_FIELDS,
  AUDIT_TARGET_TYPES,
  type AuditAction,
  type AuditDetails,
  type AuditField,
  type AuditTargetType,
} from '../../audit-trail/audit-vocabulary.js';
import { Connection, PageArgs } from '../../common/pagination/page.js';
import type { AuditEntryRow } from './audit.reads.js';

/** `member.life_status` -> MEMBER_LIFE_STATUS, `idNumber` -> ID_NUMBER, `MemberImport` -> MEMBER_IMPORT. */
const enumName = (value: string) =>
  value
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]/g, '_')
    .toUpperCase();
const asEnum = <V extends string>(values: readonly V[]) => Object.fromEntries(values.map((v) => [enumName(v), v])) as Record<string, V>;

/** The audit vocabulary as GraphQL enums: the web iterates over them to prove every value has a label. */
export const AuditActionEnum = asEnum(AUDIT_ACTIONS);
export const AuditTargetTypeEnum = asEnum(AUDIT_TARGET_TYPES);
export const AuditFieldEnum = asEnum(AUDIT_FIELDS);
registerEnumType(AuditActionEnum, { name: 'AuditAction', description: 'Every action the audit trail records' });
registerEnumType(AuditTargetTypeEnum, { name: 'AuditTargetType', description: 'What an audit entry is about' });
registerEnumType(AuditFieldEnum, { name: 'AuditField', description: 'A field of what an audit entry records' });

@ObjectType('AuditChange', { description: 'One field of an audit entry: its value before and after (one side only when nothing was there)' })
export class AuditChangeType {
  @Field(() => AuditFieldEnum)
  field!: AuditField;

  @Field(() => String, {
    nullable: true,
    description: 'As shown: names for references (an organization path as the union names below the caller), codes for enums; masked where personal',
  })
  before!: string | null;

  @Field(() => String, { nullable: true })
  after!: string | null;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id!: number;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  actorUsername!: string | null;

  @Field(() => AuditActionEnum)
  action!: AuditAction;

  @Field(() => AuditTargetTypeEnum, { nullable: true })
  targetType!: AuditTargetType | null;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON' })
  after!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  /** The recorded details, for `changes` and `targetName`. */
  details!: { before: AuditDetails | null; after: AuditDetails | null };
}

export function toAuditEntryType(e: AuditEntryRow): AuditEntryType {
  return {
    id: e.id,
    at: e.at,
    actorUsername: e.actorUsername ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    before: e.before ? JSON.stringify(e.before) : null,
    after: e.after ? JSON.stringify(e.after) : null,
    ip: e.ip ?? null,
    details: { before: e.before ?? null, after: e.after ?? null },
  };
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntryType) {}

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => ID)
  organizationId!: string;
}

@ArgsType()
export class HistoryArgs extends PageArgs {
  @Field(() => ID)
  id!: string;
}
