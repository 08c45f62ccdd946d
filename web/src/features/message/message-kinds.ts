import type { MessageKind, Permission } from '../../gql/graphql';
import { permits, type PageName } from '../../router/page-access';

/**
 * Where a message's reader acts on it: a finished card batch on the batches, refused members in the
 * card queue, a revocation request on the district's review. Offered only to who may open the page.
 */
const MESSAGE_PAGES: Record<MessageKind, { name: PageName; query?: Record<string, string> }> = {
  REVEAL_LIMIT_REACHED: { name: 'audit' },
  CARD_BATCH_ISSUED: { name: 'card-batches' },
  CARD_BATCH_PARTIALLY_FAILED: { name: 'card-queue', query: { status: 'FAILED' } },
  CARD_BATCH_STUCK: { name: 'card-batches' },
  CARD_REVOCATION_REQUESTED: { name: 'card-batch-revocation-review' },
  CARD_REVOCATION_APPROVED: { name: 'card-queue' },
  CARD_REVOCATION_REFUSED: { name: 'card-batches' },
  ENROLLMENT_RETURNED: { name: 'enrollment-query' },
  ENROLLMENT_MEMBERS_REJECTED: { name: 'enrollment-query' },
  ENROLLMENT_VOID: { name: 'enrollment-query' },
  WINDOW_CLOSING: { name: 'home' },
  DISTRICT_BATCH_COMPLETED: { name: 'district-batches' },
  DISTRICT_BATCH_RETURNED: { name: 'district-batches' },
};

export function messagePage(kind: MessageKind, permissions: readonly Permission[]): { name: PageName; query?: Record<string, string> } | null {
  const page = MESSAGE_PAGES[kind];
  return page && permits(page.name, permissions) ? page : null;
}
