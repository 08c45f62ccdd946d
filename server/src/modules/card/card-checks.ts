import { CardCheckProblem } from '../../domain/card-rules.js';
import { IdType } from '../../domain/id-document.js';
import { LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { CARD_ADDRESS_MAX_HANZI, CARD_ADDRESS_MIN_HANZI } from '../../domain/work-address.js';

/** Anything but a Chinese character (the ranges of domain/work-address.ts countHanzi), as a PostgreSQL regex. */
const NOT_HANZI = '[^\\u3400-\\u4DBF\\u4E00-\\u9FFF\\U00020000-\\U000323AF]';

/**
 * domain/card-rules.ts cardCheckProblems as one SQL expression over a member row `m`: a text[] of
 * CardCheckProblem codes in the same order, for every member of a statement at once. `union` is SQL
 * for the id of the union whose queue it is. Its two bindings, in order, are {@link checkBindings}.
 * card-checks.test.ts holds it to the pure rule, case by case.
 */
export function problemsSql(m: string, union: string): string {
  const P = CardCheckProblem;
  return `array_remove(array[
    case when ${m}.organization_id <> ${union} then '${P.NOT_IN_UNION}' end,
    case when ${m}.category <> '${MemberCategory.IN_ENTERPRISE}' then '${P.NOT_IN_ENTERPRISE}' end,
    case when ${m}.life_status <> '${LifeStatus.ACTIVE}' then '${P.NOT_ACTIVE}' end,
    case when ${m}.id_type <> '${IdType.RESIDENT_ID}' then '${P.NOT_RESIDENT_ID}' end,
    case when not ${m}.id_expiry_long_term and ${m}.id_expiry is null then '${P.ID_EXPIRY_MISSING}' end,
    case when not ${m}.id_expiry_long_term and ${m}.id_expiry < ?::date then '${P.ID_EXPIRED}' end,
    case when char_length(regexp_replace(coalesce(${m}.work_address, ''), ?, '', 'g'))
      not between ${CARD_ADDRESS_MIN_HANZI} and ${CARD_ADDRESS_MAX_HANZI} then '${P.WORK_ADDRESS}' end,
    case when ${m}.mobile_index is null then '${P.MOBILE_MISSING}' end,
    case when exists (select 1 from member_card c where c.member_id = ${m}.id and c.status = 'ACTIVE') then '${P.HAS_CARD}' end,
    case when exists (select 1 from card_batch_member bm where bm.member_id = ${m}.id and bm.status = 'PENDING') then '${P.IN_LIVE_BATCH}' end
  ]::text[], null)`;
}

/** The bindings of {@link problemsSql}: the business date and the regex. */
export function checkBindings(today: string): unknown[] {
  return [today, NOT_HANZI];
}
