import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { CardBatchStatus } from '../../domain/card-batch-states.js';
import type { StoredProblem } from './card-queue.entity.js';
import type { Union } from './queue-store.js';

/** Members per issuing job: one issuer request each. */
// A chunk's answers are decrypted, sealed and indexed on the API process's event loop: 100 keeps each
// slice short enough that other users' requests stay fast while a batch is issued (bench/cards.js: `me` p99 at 500 was 92 ms, at 100 under 50),
// and issuing still runs at about twice the bare job loop's rate.
export const CHUNK_SIZE = 100;

export interface NewBatch {
  id: number;
  memberCount: number;
  chunkCount: number;
}

/** A member of a chunk as the issuer needs it: the personal data still sealed. */
export interface ChunkApplicant {
  memberId: number;
  name: string;
  idNumberSealed: string;
  mobileSealed: string | null;
  workAddress: string | null;
}

/** An issued card, sealed and masked, ready to store. */
export interface IssuedCard {
  memberId: number;
  sealed: string;
  index: string;
  masked: string;
}

/** What the batch looks like once a chunk's outcomes are counted. */
export interface BatchCounts {
  status: CardBatchStatus;
  memberCount: number;
  issuedCount: number;
  failedCount: number;
}

/**
 * Card batches in SQL. A batch's status moves only through {@link BatchStore.move} (a compare-and-set,
 * called by the transition kernel); the rest is set-based: a submit moves the whole queue in one
 * statement, a chunk's outcomes are stored in two. Statements name the batch by id; the caller has
 * loaded it in its scope (or is its job, acting for the clerk who submitted it).
 */
export class BatchStore {
  /** 批次编号: KB, the business date, and six digits of a city-wide sequence. */
  async nextBatchNo(tx: EntityManager, today: string): Promise<string> {
    const [{ n }] = await sqlRows<{ n: string }>(tx, `select nextval('card_batch_no_seq')::text as n`, []);
    return `KB${today.replaceAll('-', '')}${n.padStart(6, '0')}`;
  }

  /**
   * Moves every PASSED entry of the union's queue into a new SUBMITTED batch, numbered into chunks of
   * {@link CHUNK_SIZE} in queue order: one statement, whatever the size.
   */
  async create(tx: EntityManager, union: Union, batchNo: string, accountId: number, now: Date): Promise<NewBatch> {
    const [row] = await sqlRows<{ id: number; member_count: number; chunk_count: number }>(
      tx,
      `with moved as (
         delete from card_queue_entry where organization_id = ? and status = 'PASSED' returning id, member_id
       ), numbered as (
         select member_id, (row_number() over (order by id) - 1) / ? as chunk from moved
       ), batch as (
         insert into card_batch (org_path, batch_no, organization_id, status, member_count, issued_count, failed_count, chunk_count, submitted_at, submitted_by, updated_at)
         select ?, ?, ?, 'SUBMITTED', count(*), 0, 0, coalesce(max(chunk) + 1, 0), ?, ?, ? from numbered
         returning id, member_count, chunk_count
       ), members as (
         insert into card_batch_member (batch_id, member_id, org_path, chunk, status)
         select batch.id, numbered.member_id, ?, numbered.chunk, 'PENDING' from numbered cross join batch
       )
       select id, member_count, chunk_count from batch`,
      [union.id, CHUNK_SIZE, union.path, batchNo, union.id, now, accountId, now, union.path],
    );
    return { id: row.id, memberCount: row.member_count, chunkCount: row.chunk_count };
  }

  /** Moves the batch from `from` to `to` with `fields`, only if it is still in `from`: false when it moved meanwhile. */
  async move(
    tx: EntityManager,
    id: number,
    from: CardBatchStatus,
    to: CardBatchStatus,
    now: Date,
    fields: { revocationReason?: string; refusalReason?: string; finished?: boolean } = {},
  ): Promise<boolean> {
    const rows = await sqlRows(
      tx,
      `update "card_batch" set status = ?, updated_at = ?,
         revocation_reason = coalesce(?, revocation_reason), refusal_reason = coalesce(?, refusal_reason),
         finished_at = case when ? then ? else finished_at end
       where id = ? and status = ? returning id`,
      [to, now, fields.revocationReason ?? null, fields.refusalReason ?? null, fields.finished ?? false, now, id, from],
    );
    return rows.length === 1;
  }

  /** The members of a chunk still waiting for the issuer. */
  async pendingApplicants(em: EntityManager, batchId: number, chunk: number): Promise<ChunkApplicant[]> {
    const rows = await sqlRows<{ member_id: number; name: string; id_number_sealed: string; mobile_sealed: string | null; work_address: string | null }>(
      em,
      `select m.id as member_id, m.name, m.id_number_sealed, m.mobile_sealed, m.work_address
       from card_batch_member bm join member m on m.id = bm.member_id
       where bm.batch_id = ? and bm.chunk = ? and bm.status = 'PENDING' order by m.id`,
      [batchId, chunk],
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      name: r.name,
      idNumberSealed: r.id_number_sealed,
      mobileSealed: r.mobile_sealed,
      workAddress: r.work_address,
    }));
  }

  /**
   * Stores the issuer's answers for a chunk: the cards (a member or number that already has an ACTIVE
   * card is not stored, and that member counts as failed with `taken`), the refusals, and the batch's
   * counts; only members still PENDING change, so a retried chunk counts nothing twice. Returns the
   * batch's counts after this chunk, under its row lock: the chunk that leaves none pending finishes it.
   */
  async recordChunk(
    tx: EntityManager,
    batchId: number,
    issued: IssuedCard[],
    refused: { memberId: number; problem: StoredProblem }[],
    taken: StoredProblem,
    today: string,
    now: Date,
  ): Promise<BatchCounts> {
    const [{ issued: issuedCount, refused: refusedCount }] = await sqlRows<{ issued: number; refused: number }>(
      tx,
      `with answers as (
         select * from jsonb_to_recordset(?::jsonb) as a(member_id int, sealed text, idx text, masked text)
       ), pending as (
         select bm.member_id, bm.org_path from card_batch_member bm join answers a on a.member_id = bm.member_id
         where bm.batch_id = ? and bm.status = 'PENDING'
       ), cards as (
         insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
         select m.org_path, a.member_id, ?, a.sealed, a.idx, a.masked, 'ACTIVE', ?::date
         from answers a join pending p on p.member_id = a.member_id join member m on m.id = a.member_id
         on conflict do nothing returning member_id, card_number_masked
       ), refusals as (
         select r.member_id, r.problem from jsonb_to_recordset(?::jsonb) as r(member_id int, problem jsonb)
         union all select p.member_id, ?::jsonb from pending p where p.member_id not in (select member_id from cards)
       ), issued as (
         update card_batch_member bm set status = 'ISSUED', card_number_masked = c.card_number_masked
         from cards c where bm.batch_id = ? and bm.member_id = c.member_id returning 1
       ), failed as (
         update card_batch_member bm set status = 'FAILED', failure = r.problem
         from refusals r where bm.batch_id = ? and bm.member_id = r.member_id and bm.status = 'PENDING' returning 1
       )
       select (select count(*) from issued)::int as issued, (select count(*) from failed)::int as refused`,
      [
        JSON.stringify(issued.map((c) => ({ member_id: c.memberId, sealed: c.sealed, idx: c.index, masked: c.masked }))),
        batchId,
        batchId,
        today,
        JSON.stringify(refused.map((r) => ({ member_id: r.memberId, problem: r.problem }))),
        JSON.stringify(taken),
        batchId,
        batchId,
      ],
    );
    const [row] = await sqlRows<{ status: CardBatchStatus; member_count: number; issued_count: number; failed_count: number }>(
      tx,
      `update "card_batch" set issued_count = issued_count + ?, failed_count = failed_count + ?, stuck = null, updated_at = ?
       where id = ? returning status, member_count, issued_count, failed_count`,
      [issuedCount, refusedCount, now, batchId],
    );
    return { status: row.status, memberCount: row.member_count, issuedCount: row.issued_count, failedCount: row.failed_count };
  }

  /** The members the issuer refused, with its reason each. */
  async refusedMembers(tx: EntityManager, batchId: number): Promise<{ memberId: number; problem: StoredProblem }[]> {
    const rows = await sqlRows<{ member_id: number; failure: StoredProblem }>(
      tx,
      `select member_id, failure from card_batch_member where batch_id = ? and status = 'FAILED' order by member_id`,
      [batchId],
    );
    return rows.map((r) => ({ memberId: r.member_id, problem: r.failure }));
  }

  /** Marks a batch in production stuck (its job gave up), unless it was already: whether it was marked now. */
  async markStuck(tx: EntityManager, batchId: number, problem: StoredProblem, now: Date): Promise<boolean> {
    const rows = await sqlRows(
      tx,
      `update "card_batch" set stuck = ?::jsonb, updated_at = ? where id = ? and status = 'IN_PRODUCTION' and stuck is null returning id`,
      [JSON.stringify(problem), now, batchId],
    );
    return rows.length === 1;
  }

  /** Cancels the batch's cards; returns their members. */
  async revokeCards(tx: EntityManager, batchId: number, today: string): Promise<number[]> {
    const rows = await sqlRows<{ member_id: number }>(
      tx,
      `update member_card set status = 'REVOKED', revoked_on = ?::date where batch_id = ? and status = 'ACTIVE' returning member_id`,
      [today, batchId],
    );
    return rows.map((r) => r.member_id);
  }
}
