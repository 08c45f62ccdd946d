import type { EntityManager } from '@mikro-orm/postgresql';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { Organization } from '../../org-scope/organization.entity.js';
import { CardBatchEvent, CardBatchStatus } from '../../domain/card-batch-states.js';
import { cardCheckProblems } from '../../domain/card-rules.js';
import { maskCardNumber } from '../../domain/card-number.js';
import type { IdType } from '../../domain/id-document.js';
import type { LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { simulatedOutcome } from '../../adapters/card-issuer/simulator.js';
import { MessageKind } from '../../modules/message/message.entity.js';
import { DEMO_TODAY } from './demo-members.js';

/**
 * The demo city's cards (SPEC §6), told as batches of three unions: 建朗 got its cards in November; 张江
 * got its cards in December and has since asked 浦东 to revoke the batch (waiting for pudong-reviewer);
 * 陆家嘴金融's batch is at the issuer (IN_PRODUCTION, no job: it stays there, as a real issuer's
 * batch does for days). Members are the first who pass the card check on DEMO_TODAY; card numbers
 * are the simulator's for their ID numbers, sealed like the app seals them. Timelines and messages
 * are written as the app would have written them.
 */
const BATCHES: {
  union: string;
  size: number;
  status: CardBatchStatus;
  submittedAt: string;
  issuedAt?: string;
  revocation?: { at: string; reason: string };
}[] = [
  { union: 'jianlang', size: 12, status: CardBatchStatus.ISSUED, submittedAt: '2024-11-20T10:12:00+08:00', issuedAt: '2024-11-22T09:30:00+08:00' },
  {
    union: 'zhangjiang',
    size: 6,
    status: CardBatchStatus.REVOCATION_REQUESTED,
    submittedAt: '2024-12-02T14:05:00+08:00',
    issuedAt: '2024-12-04T11:20:00+08:00',
    revocation: { at: '2024-12-20T16:40:00+08:00', reason: '误将已离职职工提交办卡，申请撤销本批次后重新办理' },
  },
  { union: 'ljz-finance', size: 8, status: CardBatchStatus.IN_PRODUCTION, submittedAt: '2024-12-26T15:30:00+08:00' },
];

interface MemberRow {
  id: number;
  organization_id: number;
  org_path: string;
  category: MemberCategory;
  life_status: LifeStatus;
  id_type: IdType;
  id_expiry: string | null;
  id_expiry_long_term: boolean;
  work_address: string | null;
  has_mobile: boolean;
  id_number_sealed: string;
}

export async function seedCards(tx: EntityManager, byKey: Map<string, Organization>, cipher: PiiCipher): Promise<void> {
  const members = await tx.execute<MemberRow[]>(
    `select id, organization_id, org_path, category, life_status, id_type, to_char(id_expiry, 'YYYY-MM-DD') as id_expiry, id_expiry_long_term,
            work_address, mobile_index is not null as has_mobile, id_number_sealed
     from member order by id`,
  );
  const accounts = await tx.execute<{ id: number; username: string; organization_id: number }[]>(`select id, username, organization_id from account`);
  for (const b of BATCHES) {
    const union = byKey.get(b.union)!;
    const clerk = accounts.find((a) => a.organization_id === union.id)!;
    const chosen = members
      .filter((m) => m.organization_id === union.id)
      .filter(
        (m) =>
          cardCheckProblems(
            {
              inUnion: true,
              category: m.category,
              lifeStatus: m.life_status,
              idType: m.id_type,
              idExpiry: m.id_expiry,
              idExpiryLongTerm: m.id_expiry_long_term,
              workAddress: m.work_address,
              hasMobile: m.has_mobile,
              hasCard: false,
              inLiveBatch: false,
            },
            DEMO_TODAY,
          ).length === 0,
      )
      .slice(0, b.size);
    if (chosen.length < b.size) throw new Error(`demo cards: ${b.union} has only ${chosen.length} members who pass the card check`);
    const submittedAt = new Date(b.submittedAt);
    const issued = b.issuedAt ? new Date(b.issuedAt) : null;
    const batchNo = `KB${b.submittedAt.slice(0, 10).replaceAll('-', '')}${(await tx.execute<{ n: string }[]>(`select nextval('card_batch_no_seq')::text as n`))[0].n.padStart(6, '0')}`;
    const [{ id: batchId }] = await tx.execute<{ id: number }[]>(
      `insert into card_batch (org_path, batch_no, organization_id, status, member_count, issued_count, failed_count, chunk_count, submitted_at, submitted_by, finished_at, revocation_reason, updated_at)
       values (?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?) returning id`,
      [
        union.path,
        batchNo,
        union.id,
        b.status,
        chosen.length,
        issued ? chosen.length : 0,
        submittedAt,
        clerk.id,
        issued,
        b.revocation?.reason ?? null,
        new Date(b.revocation?.at ?? b.issuedAt ?? b.submittedAt),
      ],
    );
    for (const m of chosen) {
      const card = issued ? (simulatedOutcome(cipher.decrypt(m.id_number_sealed), 0) as { cardNumber: string }).cardNumber : null;
      await tx.execute(`insert into card_batch_member (batch_id, member_id, org_path, chunk, status, card_number_masked) values (?, ?, ?, 0, ?, ?)`, [
        batchId,
        m.id,
        m.org_path,
        card ? 'ISSUED' : 'PENDING',
        card && maskCardNumber(card),
      ]);
      if (card) {
        await tx.execute(
          `insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
           values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)`,
          [m.org_path, m.id, batchId, cipher.encrypt(card), cipher.blindIndex('card', card), maskCardNumber(card), b.issuedAt!.slice(0, 10)],
        );
      }
    }
    const moves: [string | null, CardBatchStatus, string, Date, { id: number; username: string } | null, string | null][] = [
      [null, CardBatchStatus.SUBMITTED, 'CREATE', submittedAt, clerk, null],
      [CardBatchStatus.SUBMITTED, CardBatchStatus.IN_PRODUCTION, CardBatchEvent.START_PRODUCTION, new Date(submittedAt.getTime() + 5_000), null, null],
    ];
    if (issued) moves.push([CardBatchStatus.IN_PRODUCTION, CardBatchStatus.ISSUED, CardBatchEvent.ALL_ISSUED, issued, null, null]);
    if (b.revocation) {
      moves.push([
        CardBatchStatus.ISSUED,
        CardBatchStatus.REVOCATION_REQUESTED,
        CardBatchEvent.REQUEST_REVOCATION,
        new Date(b.revocation.at),
        clerk,
        b.revocation.reason,
      ]);
    }
    for (const [from, to, event, at, actor, reason] of moves) {
      await tx.execute(
        `insert into state_change (org_path, subject_type, subject_id, from_state, to_state, event, actor_account_id, actor_username, at, reason)
         values (?, 'CardBatch', ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
        [
          union.path,
          String(batchId),
          from,
          to,
          event,
          actor?.id ?? null,
          actor?.username ?? null,
          at,
          reason === null ? null : JSON.stringify({ text: reason }),
        ],
      );
    }
    const message = (recipient: Organization, kind: MessageKind, params: Record<string, string | number>, at: Date) =>
      tx.execute(`insert into message (org_path, organization_id, kind, params, created_at) values (?, ?, ?, ?::jsonb, ?)`, [
        recipient.path,
        recipient.id,
        kind,
        JSON.stringify(params),
        at,
      ]);
    if (issued) await message(union, MessageKind.CARD_BATCH_ISSUED, { batchNo, count: chosen.length }, issued);
    if (b.revocation) {
      await message(
        byKey.get('pudong')!,
        MessageKind.CARD_REVOCATION_REQUESTED,
        { organization: union.name, batchNo, count: chosen.length, reason: b.revocation.reason },
        new Date(b.revocation.at),
      );
    }
  }
}
