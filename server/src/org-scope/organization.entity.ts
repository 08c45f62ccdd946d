import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { Tier } from './tier.js';
import { ScopedBy } from './scope-filter.js';
import { pathIndexExpression } from './scoped-entity.js';

@Entity({ tableName: 'organization' })
@ScopedBy('path')
// Two unions of one name under one parent are a double click or a typo, never two real unions.
@Unique({ name: 'organization_parent_name_unique', properties: ['parent', 'name'] })
export class Organization {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Enum({ items: () => Tier, nativeEnumName: 'tier' })
  tier!: Tier;

  @ManyToOne(() => Organization, { nullable: true, ref: true, index: true })
  parent?: Ref<Organization> | null;

  /** Materialized path `/1/2/5/`; see org-path.ts. */
  @Property({ type: 'string', length: 255, unique: true })
  @Index({ name: 'organization_path_prefix_idx', expression: pathIndexExpression('organization', 'path') })
  path!: string;

  /** 统一社会信用代码, validated by domain/credit-code.ts. */
  @Property({ type: 'string', length: 18, nullable: true, unique: true })
  creditCode?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  /** The reference's id, as a read-path row has it: the entity and the row map alike. */
  get parentId(): (number & Opt) | null {
    return this.parent?.id ?? null;
  }
}
