import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Organization } from '../../org-scope/organization.entity.js';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/** 关联企业: an employer covered by a grassroots union (a joint union covers many). */
@Entity({ tableName: 'enterprise' })
@ScopedBy('orgPath')
@Index({ name: 'enterprise_org_path_prefix_idx', expression: pathIndexExpression('enterprise', 'org_path') })
@Unique({ name: 'enterprise_union_name_unique', properties: ['organization', 'name'] })
export class Enterprise extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** The grassroots union covering it. */
  @ManyToOne(() => Organization, { ref: true, index: true })
  organization!: Ref<Organization>;

  @Property({ type: 'string', length: 100 })
  name!: string;

  /** 统一社会信用代码: one enterprise, one union, city-wide. */
  @Property({ type: 'string', length: 18, unique: true })
  creditCode!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  address?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  /** The reference's id, as a read-path row has it: the entity and the row map alike. */
  get organizationId(): number & Opt {
    return this.organization.id;
  }
}
