import type { MikroORM } from '@mikro-orm/postgresql';
import { Clock } from '../../common/clock.js';
import { ContextFactory, type AuthedContext, type Viewer } from '../../common/request-context.js';
import { UserError } from '../../common/errors/error-result.js';
import { AuditService } from '../../audit-trail/audit.service.js';
import { permissionsOf } from '../../auth/permissions.js';
import { renderPdf } from '../../documents/pdf.js';
import { ReadDb } from '../../org-scope/read-db.js';
import { systemEm } from '../../org-scope/system-em.js';
import { createLoaders } from '../../app/modules.js';
import { MessageService } from '../../modules/message/message.service.js';
import { ProtectionService } from '../../modules/protection/protection.service.js';
import { OrganizationService } from '../../modules/organization/organization.service.js';
import { ReviewService } from '../../modules/review/review.service.js';
import { DistrictBatchService } from '../../modules/review/district-batch.service.js';
import { CenterService } from '../../modules/center/center.service.js';
import type { Role } from '../../auth/role.js';
import type { Tier } from '../../org-scope/tier.js';

/**
 * The demo city's 2025 campaign after the grassroots submissions (SPEC §9, §10), played by the app's own
 * services with the clock set to each moment, so every row, timeline entry, message and total is the one
 * the app writes. On the district window's second day (APP_TODAY=2024-12-27) the city shows a union in
 * every state of the campaign:
 *
 * - 浦东: 建朗 has not started (the walkthrough's union); 张江's submission was returned; 陆家嘴金融's,
 *   approved by 陆家嘴 (a secondary union's 审核标识), went to the center in a batch the center sent back,
 *   then in a second batch whose voucher the center has confirmed.
 * - 徐汇: 漕河泾 waits for review; 徐家汇商城 is approved, on the district's ready list, to submit.
 * - 建设交通: 城建隧道's batch is completed: its members are covered for 2025.
 *
 * VOID comes only after the district window closes (2024-12-31), so no demo submission is void.
 */
const YEAR = 2025;

const HANDLERS = {
  pudong: { handlerName: '周明', handlerPhone: '13816620001', handlerEmail: 'zhouming@pdgh.example.cn' },
  jianjiao: { handlerName: '吴芳', handlerPhone: '13916620002', handlerEmail: 'wufang@jjgh.example.cn' },
};

export async function seedCampaign(orm: MikroORM): Promise<void> {
  const clock = new Clock();
  const at = (moment: string) => clock.advance(new Date(moment).getTime() - clock.now().getTime());
  const audit = new AuditService(clock);
  const messages = new MessageService(clock);
  const protection = new ProtectionService(clock, audit);
  const review = new ReviewService(clock, audit, messages);
  const batches = new DistrictBatchService(clock, audit, protection, new OrganizationService());
  const center = new CenterService(clock, audit, messages, batches, protection);
  const readDb = new ReadDb(() => orm.config.get('clientUrl')!);
  const contexts = new ContextFactory(orm, readDb, createLoaders);
  const em = systemEm(orm);

  const as = async (username: string): Promise<AuthedContext> => {
    const [a] = await em.execute<{ id: number; display_name: string; role: Role; organization_id: number; org_path: string; tier: Tier }[]>(
      `select a.id, a.display_name, a.role, a.organization_id, a.org_path, o.tier from account a join organization o on o.id = a.organization_id where a.username = ?`,
      [username],
    );
    const viewer: Viewer = {
      accountId: a.id,
      username,
      displayName: a.display_name,
      role: a.role,
      organizationId: a.organization_id,
      orgPath: a.org_path,
      tier: a.tier,
      mustChangePassword: false,
      permissions: permissionsOf(a.role, a.tier),
      sessionTokenHash: '',
    };
    return contexts.create({ requestId: `demo-${username}`, ip: '127.0.0.1', lang: 'zh-CN', viewer }) as AuthedContext;
  };
  /** The union's submission as a reviewer sees it: its id and current version. */
  const submissionOf = async (unionUsername: string) => {
    const [s] = await em.execute<{ id: number; version: number }[]>(
      `select s.id, s.version from enrollment_submission s join account a on a.organization_id = s.organization_id
        where a.username = ? and s.year = ? order by s.id desc limit 1`,
      [unionUsername, YEAR],
    );
    return s;
  };
  const batchRef = async (id: number) => {
    const [b] = await em.execute<{ id: number; version: number }[]>(`select id, version from district_batch where id = ?`, [id]);
    return b;
  };
  /** A refusal here is a bug in the demo's story: stop seeding, loudly. */
  const must = <T>(result: T | UserError): T => {
    if (result instanceof UserError) throw new Error(`demo campaign: ${result.message}`);
    return result;
  };
  /** A district submits its ready list, uploads the bank's receipt and hands it to the center. */
  const submitAndPay = async (district: keyof typeof HANDLERS, submittedAt: string, paidAt: string) => {
    at(submittedAt);
    const ctx = await as(district);
    const batch = must(await batches.submit(ctx, { year: YEAR, clientKey: `demo-${district}-${submittedAt}`, ...HANDLERS[district] }));
    at(paidAt);
    await batches.uploadVoucher(ctx, batch.id, { fileName: '银行电子回单.pdf', bytes: await bankReceipt(batch.batchNo, Number(batch.feeFen), paidAt) });
    must(await batches.submitVouchers(ctx, await batchRef(batch.id)));
    return batch.id;
  };

  try {
    at('2024-11-06T10:20:00+08:00');
    await review.approve(await as('jianjiao-reviewer'), [await submissionOf('jianjiao-gr1')]);
    at('2024-11-13T15:00:00+08:00');
    await review.approve(await as('xuhui-reviewer'), [await submissionOf('xuhui-gr1')]);
    at('2024-11-22T09:40:00+08:00');
    await review.approve(await as('lujiazui-reviewer'), [await submissionOf('ljz-finance')]);
    at('2024-12-18T16:10:00+08:00');
    must(await review.return(await as('pudong-reviewer'), [await submissionOf('zhangjiang')], '本单位会员卡批次正在申请撤销，请待撤销办结后核对名单重新提交'));

    const jianjiao = await submitAndPay('jianjiao', '2024-12-26T09:30:00+08:00', '2024-12-26T10:15:00+08:00');
    const returned = await submitAndPay('pudong', '2024-12-26T10:00:00+08:00', '2024-12-26T10:40:00+08:00');
    const operator = await as('center-operator');
    at('2024-12-26T11:30:00+08:00');
    must(await center.sendBack(operator, await batchRef(returned), '缴费凭证所载金额与应缴金额不一致，请核对后重新提交'));
    at('2024-12-26T14:00:00+08:00');
    await center.confirm(operator, await batchRef(jianjiao));
    const pudong = await submitAndPay('pudong', '2024-12-26T15:20:00+08:00', '2024-12-26T15:50:00+08:00');
    at('2024-12-27T09:30:00+08:00');
    await center.complete(operator, await batchRef(jianjiao));
    await center.confirm(operator, await batchRef(pudong));
  } finally {
    await readDb.close();
  }
}

/** The bank's receipt of a district's payment, as a district scans it: a one-page PDF. */
function bankReceipt(batchNo: string, feeFen: number, paidAt: string): Promise<Buffer> {
  return renderPdf({ title: '网上银行电子回单', lang: 'zh-CN', maxPages: 1, createdAt: new Date(paidAt) }, (doc) => {
    doc.fontSize(16).text('中国工商银行 网上银行电子回单', { align: 'center' }).moveDown();
    doc.fontSize(11);
    doc.text(`交易时间：${paidAt.slice(0, 16).replace('T', ' ')}`);
    doc.text('收款户名：上海市总工会职工服务中心');
    doc.text(`金额：人民币 ${(feeFen / 100).toFixed(2)} 元`);
    doc.text(`用途：${batchNo} 职工保障参保费`);
  });
}
