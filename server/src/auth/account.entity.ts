import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Organization } from '../org-scope/organization.entity.js';
import { OrgScopedEntity, pathIndexExpression } from '../org-scope/scoped-entity.js';
import { ScopedBy } from '../org-scope/scope-filter.js';
import { Role } from './role.js';

@Entity({ tableName: 'account' })
@ScopedBy('orgPath')
@Index({ name: 'account_org_path_prefix_idx', expression: pathIndexExpression('account', 'org_path') })
export class Account extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Property({ type: 'string', length: 64 })
  displayName!: string;

  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @ManyToOne(() => Organization, { ref: true, index: true })
  organization!: Ref<Organization>;

  /** PHC string, argon2id. */
  @Property({ type: 'string', length: 255, hidden: true })
  passwordHash!: string;

  @Property({ type: 'boolean' })
  mustChangePassword: boolean & Opt = false;

  @Property({ type: 'boolean' })
  disabled: boolean & Opt = false;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  /** The reference's id, as a read-path row has it: the entity and the row map alike. */
  get organizationId(): number & Opt {
    return this.organization.id;
  }
}
