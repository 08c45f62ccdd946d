import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { QFile, QSelect } from 'quasar';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import MemberImportWizard from '../components/MemberImportWizard.vue';

/** Stands in for the browser's XMLHttpRequest: records what the dialog sends, answers when the test says. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  readonly upload = new EventTarget();
  private readonly events = new EventTarget();
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = '';
  aborted = false;

  addEventListener(type: string, listener: EventListener): void {
    this.events.addEventListener(type, listener);
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: FormData): void {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort(): void {
    this.aborted = true;
    this.events.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number): void {
    this.upload.dispatchEvent(Object.assign(new Event('progress'), { lengthComputable: true, loaded, total }));
  }
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.events.dispatchEvent(new Event('load'));
  }
}

const enterprises = () => ({
  data: {
    enterprises: {
      __typename: 'EnterpriseConnection',
      nodes: [{ __typename: 'Enterprise', id: '3', name: '上海建朗数据服务有限公司', creditCode: '91310115000000000Q' }],
    },
  },
});

function job(fields: Record<string, unknown>) {
  return {
    __typename: 'MemberImport',
    id: 'job-1',
    status: 'READY',
    availableEvents: fields.status && fields.status !== 'READY' ? [] : ['COMMIT'],
    progress: 1,
    refusal: null,
    newCount: 0,
    updateCount: 0,
    unchangedCount: 0,
    invalidCount: 0,
    unknownColumns: [],
    errors: [],
    result: null,
    timeline: [move(null, 'QUEUED', 'jianlang'), move('QUEUED', 'PARSING'), move('PARSING', 'READY')],
    ...fields,
  };
}

function move(from: string | null, to: string, actor: string | null = null, reason: string | null = null) {
  return { __typename: 'StateChange', at: '2024-12-27T02:00:00.000Z', from, to, actor, reason };
}

const BAD_ROWS = [
  { __typename: 'ImportRowError', rowNo: 12, column: '证件号码', message: '证件号码校验位不正确，请核对' },
  { __typename: 'ImportRowError', rowNo: 24, column: '手机号码', message: '手机号码与第 23 行重复' },
  { __typename: 'ImportRowError', rowNo: 38, column: '工作单位详细地址', message: '工作单位详细地址须超过 6 个且少于 20 个汉字' },
];

const previewed = job({ newCount: 47, unchangedCount: 0, invalidCount: 3, unknownColumns: ['备注'], errors: BAD_ROWS });

function wizard(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="member-import-wizard"]');
  if (!element) throw new Error('wizard not shown');
  return element;
}

function byTestId(testId: string): HTMLElement | null {
  return wizard().querySelector<HTMLElement>(`[data-testid="${testId}"]`);
}

function get(testId: string): HTMLElement {
  const element = byTestId(testId);
  if (!element) throw new Error(`no ${testId}`);
  return element;
}

function step(): string | undefined {
  return get('member-import-stepper').dataset.step;
}

function button(testId: string): HTMLButtonElement {
  const element = get(testId);
  return (element.closest('button') ?? element) as HTMLButtonElement;
}

const mounted: { unmount: () => void }[] = [];

/** The wizard as its page shows it: at 上传, or (`importId`) at the upload in the address, as after a reload. */
async function openWizard(importId: string | null = null) {
  const wrapper = await mountApp(MemberImportWizard, { props: { organizationId: '6', importId }, attachTo: document.body });
  mounted.push(wrapper);
  await flushPromises();
  return wrapper as unknown as VueWrapper;
}

/** What the page does when the server took an upload: the id goes into the address, and so back into the wizard. */
async function followAccepted(wrapper: VueWrapper, id = 'job-1'): Promise<void> {
  expect(wrapper.emitted('accepted')?.at(-1)).toEqual([id]);
  await wrapper.setProps({ importId: id });
  await flushPromises();
}

async function choose(wrapper: VueWrapper, enterpriseId: string | null, file: File | null): Promise<void> {
  wrapper.findComponent(QSelect).vm.$emit('update:modelValue', enterpriseId);
  wrapper.findComponent(QFile).vm.$emit('update:modelValue', file);
  await flushPromises();
}

async function submitUpload(): Promise<void> {
  wizard().querySelector('form')?.dispatchEvent(new Event('submit'));
  await flushPromises();
}

const xlsx = (name = '会员导入.xlsx', bytes = 2048) => new File([new Uint8Array(bytes)], name);

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('批量导入 wizard', () => {
  it('uploads with the enterprise, follows the parse, previews the bad rows, commits once on a double click and reports the result', async () => {
    const answers = [job({ status: 'PARSING', progress: 0.4 }), previewed];
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ data: { memberImport: answers.length > 1 ? answers.shift() : answers[0] } }),
      CommitMemberImport: () => ({
        data: {
          commitMemberImport: {
            __typename: 'MemberImportPayload',
            memberImport: job({
              ...previewed,
              status: 'COMMITTED',
              result: {
                __typename: 'ImportResultType',
                inserted: 46,
                updated: 0,
                unchanged: 0,
                skipped: [{ __typename: 'ImportRowError', rowNo: 7, message: '手机号码已被其他会员使用' }],
              },
            }),
          },
        },
      }),
    });
    const wrapper = await openWizard();
    expect(step()).toBe('upload');
    expect(get('member-import-template').getAttribute('href')).toBe('/api/member-imports/template.xlsx');
    expect(get('member-import-template').hasAttribute('download')).toBe(true);
    expect(wizard().textContent).toContain('仅限 .xlsx 文件，不超过 10 MB');
    expect(get('member-import-file').getAttribute('accept')).toBe('.xlsx');

    const file = xlsx();
    await choose(wrapper, '3', file);
    await submitUpload();
    expect(FakeXhr.sent).toHaveLength(1);
    const sent = FakeXhr.sent[0]!;
    expect([sent.method, sent.url]).toEqual(['POST', '/api/member-imports']);
    expect(sent.headers).toEqual({ 'x-union-upload': '1', 'accept-language': 'zh-CN' });
    // The server reads the enterprise before the file.
    expect([...sent.body!.keys()]).toEqual(['enterpriseId', 'file']);
    expect(sent.body!.get('enterpriseId')).toBe('3');
    expect((sent.body!.get('file') as File).name).toBe('会员导入.xlsx');

    sent.progress(512, 2048);
    await flushPromises();
    expect(get('member-import-upload-progress')).toBeTruthy();
    expect(wizard().textContent).toContain('正在上传 25%');
    // A second submit while sending does not send the file twice.
    await submitUpload();
    expect(FakeXhr.sent).toHaveLength(1);

    sent.respond(202, { id: 'job-1' });
    await flushPromises();
    await followAccepted(wrapper);
    expect(step()).toBe('parse');
    await vi.waitFor(() => expect(wizard().textContent).toContain('正在解析 40%'));
    await vi.waitFor(() => expect(step()).toBe('preview'), { timeout: 2000 });
    const polls = requests.filter((request) => request.operationName === 'MemberImport');
    expect(polls.map((request) => request.variables)).toEqual([{ id: 'job-1' }, { id: 'job-1' }]);
    expect(polls[0]?.headers.get('accept-language')).toBe('zh-CN');

    expect(get('member-import-count-new').textContent).toContain('新增 47');
    expect(get('member-import-count-update').textContent).toContain('更新 0');
    expect(get('member-import-count-unchanged').textContent).toContain('无变化 0');
    expect(get('member-import-count-invalid').textContent).toContain('错误 3');
    expect(get('member-import-unknown-columns').textContent).toContain('以下列不在模板中，已忽略：备注');
    const errorRows = [...get('member-import-errors').querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
    expect(errorRows).toEqual([
      ['12', '证件号码', '证件号码校验位不正确，请核对'],
      ['24', '手机号码', '手机号码与第 23 行重复'],
      ['38', '工作单位详细地址', '工作单位详细地址须超过 6 个且少于 20 个汉字'],
    ]);
    expect(get('member-import-error-report').getAttribute('href')).toBe('/api/member-imports/job-1/errors.xlsx');
    expect(button('member-import-commit').textContent).toContain('确认导入（47 行）');

    // A double click: one commit, only the valid rows (the default).
    button('member-import-commit').click();
    button('member-import-commit').click();
    await flushPromises();
    await flushPromises();
    const commits = requests.filter((request) => request.operationName === 'CommitMemberImport');
    expect(commits.map((request) => request.variables)).toEqual([{ id: 'job-1', allOrNothing: false }]);

    expect(step()).toBe('result');
    expect(get('member-import-result-inserted').textContent).toContain('新增 46');
    expect(get('member-import-result-skipped').textContent).toContain('跳过 1');
    expect(get('member-import-skipped').textContent).toContain('手机号码已被其他会员使用');

    button('member-import-done').click();
    await flushPromises();
    expect(wrapper.emitted('done')).toEqual([[]]);
  });

  it('checks the enterprise and the file before sending anything', async () => {
    stubGraphQLFetch({ PickableEnterprises: enterprises });
    const wrapper = await openWizard();
    await submitUpload();
    expect(wizard().textContent).toContain('请填写关联企业');
    expect(wizard().textContent).toContain('请选择要导入的 .xlsx 文件');

    await choose(wrapper, '3', xlsx('会员.xls'));
    await submitUpload();
    expect(wizard().textContent).toContain('“会员.xls”是旧版 Excel 格式（.xls），不能导入');
    await choose(wrapper, '3', xlsx('会员.xlsx', 10 * 1024 * 1024 + 1));
    await submitUpload();
    expect(wizard().textContent).toContain('文件超过 10 MB 上限');
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it("shows the server's refusal of an upload and stays on 上传", async () => {
    stubGraphQLFetch({ PickableEnterprises: enterprises });
    const wrapper = await openWizard();
    await choose(wrapper, '3', xlsx());
    await submitUpload();
    FakeXhr.sent[0]!.respond(400, { error: { code: 'BAD_USER_INPUT', message: '不接受带宏的工作簿（.xlsm）：请另存为 .xlsx 后再上传', reason: 'MACRO' } });
    await flushPromises();
    expect(step()).toBe('upload');
    expect(get('member-import-upload-failure').textContent).toContain('不接受带宏的工作簿');
    expect(byTestId('member-import-upload-progress')).toBeNull();
  });

  it('shows a refused file prominently and goes back to 上传 with the enterprise kept', async () => {
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({
        data: { memberImport: job({ status: 'REFUSED', progress: 0, refusal: '找不到表头：缺少列 姓名、证件号码。请使用模板' }) },
      }),
    });
    const wrapper = await openWizard();
    await choose(wrapper, '3', xlsx());
    await submitUpload();
    FakeXhr.sent[0]!.respond(202, { id: 'job-1' });
    await flushPromises();
    await followAccepted(wrapper);
    await vi.waitFor(() => expect(byTestId('member-import-refusal')?.textContent).toContain('找不到表头：缺少列 姓名、证件号码'));
    expect(step()).toBe('parse');
    expect(get('member-import-refusal').textContent).toContain('文件未被接受');
    // A refused file is final: no more asking.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(requests.filter((request) => request.operationName === 'MemberImport')).toHaveLength(1);

    button('member-import-back').click();
    await flushPromises();
    expect(wrapper.emitted('restart')).toEqual([[]]);
    await wrapper.setProps({ importId: null });
    expect(step()).toBe('upload');
    expect(wrapper.findComponent(QSelect).props('modelValue')).toBe('3');
    expect(wrapper.findComponent(QFile).props('modelValue')).toBeNull();
  });

  it('explains why 全部成功才导入 cannot write a file with bad rows, and shows a refused commit', async () => {
    let invalidAtCommit = 0;
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ data: { memberImport: previewed } }),
      CommitMemberImport: () => ({
        data: {
          commitMemberImport: {
            __typename: 'UserError',
            code: 'BAD_USER_INPUT',
            message: `存在 ${invalidAtCommit} 行错误；已选择“全部成功才导入”，未写入任何数据`,
          },
        },
      }),
    });
    await openWizard('job-1');
    await vi.waitFor(() => expect(step()).toBe('preview'));

    wizard().querySelectorAll<HTMLElement>('[data-testid="member-import-mode"] [role="radio"]')[1]?.click();
    await flushPromises();
    expect(get('member-import-all-or-nothing-blocked').textContent).toContain('存在 3 行错误');
    expect(button('member-import-commit').disabled || button('member-import-commit').classList.contains('disabled')).toBe(true);
    button('member-import-commit').click();
    await flushPromises();
    expect(requests.filter((request) => request.operationName === 'CommitMemberImport')).toHaveLength(0);

    // Back to 只导入正确的行: the server still has the last word.
    wizard().querySelectorAll<HTMLElement>('[data-testid="member-import-mode"] [role="radio"]')[0]?.click();
    await flushPromises();
    invalidAtCommit = 4;
    button('member-import-commit').click();
    await flushPromises();
    await flushPromises();
    expect(get('member-import-commit-failure').textContent).toContain('存在 4 行错误');
    expect(step()).toBe('preview');
  });

  it('says at once why a chosen .xls, .csv or other file cannot be imported, before any upload', async () => {
    stubGraphQLFetch({ PickableEnterprises: enterprises });
    const wrapper = await openWizard();
    // As the browser hands a chosen file to the field: the .xlsx filter turns it away, the wizard says why.
    const choose = async (name: string) => {
      const input = wizard().querySelector<HTMLInputElement>('input[type="file"]')!;
      Object.defineProperty(input, 'files', { value: [xlsx(name)], configurable: true, writable: true });
      input.dispatchEvent(new Event('change'));
      await flushPromises();
    };
    // The field validates its new value a tick or more later on a busy machine: wait for what it says.
    const said = (text: string) => vi.waitFor(() => expect(wizard().textContent).toContain(text));
    await choose('会员名单.xls');
    await said('“会员名单.xls”是旧版 Excel 格式（.xls），不能导入：请在 Excel 中打开，选择“另存为”→“Excel 工作簿（*.xlsx）”');
    expect(wrapper.findComponent(QFile).props('modelValue')).toMatchObject({ name: '会员名单.xls' });
    await choose('会员名单.csv');
    await said('“会员名单.csv”是 CSV 文本文件，不能导入');
    await choose('会员名单.xlsm');
    await said('“会员名单.xlsm”是带宏的工作簿，不能导入');
    await choose('会员名单.et');
    await said('“会员名单.et”是 WPS 表格格式，不能导入');
    await choose('照片.jpg');
    await said('“照片.jpg”不是 Excel 工作簿（.xlsx），不能导入');
    wrapper.findComponent(QSelect).vm.$emit('update:modelValue', '3');
    await submitUpload();
    expect(FakeXhr.sent).toHaveLength(0);

    await choose('会员名单.xlsx');
    // The field's message goes with its next validation, a tick or more later on a busy machine.
    await vi.waitFor(() => expect(wizard().textContent).not.toContain('不能导入'));
    await submitUpload();
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('resumes the upload in the address after a reload, and commits it; Back and Forward move between 上传 and it', async () => {
    const requests = stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ data: { memberImport: previewed } }),
      CommitMemberImport: () => ({
        data: {
          commitMemberImport: {
            __typename: 'MemberImportPayload',
            memberImport: job({
              ...previewed,
              status: 'COMMITTED',
              result: { __typename: 'ImportResultType', inserted: 47, updated: 0, unchanged: 0, skipped: [] },
            }),
          },
        },
      }),
    });
    const wrapper = await openWizard('job-1');
    await vi.waitFor(() => expect(step()).toBe('preview'));
    expect(get('member-import-count-new').textContent).toContain('新增 47');
    expect(get('member-import-count-invalid').textContent).toContain('错误 3');

    // Back: the address has no import; Forward: the same one, asked about again.
    await wrapper.setProps({ importId: null });
    expect(step()).toBe('upload');
    await wrapper.setProps({ importId: 'job-1' });
    await vi.waitFor(() => expect(step()).toBe('preview'));
    expect(requests.filter((request) => request.operationName === 'MemberImport')).toHaveLength(2);

    button('member-import-commit').click();
    await flushPromises();
    await flushPromises();
    expect(requests.filter((request) => request.operationName === 'CommitMemberImport').map((request) => request.variables)).toEqual([
      { id: 'job-1', allOrNothing: false },
    ]);
    expect(step()).toBe('result');
    expect(get('member-import-result-inserted').textContent).toContain('新增 47');
  });

  it("shows the import's state as a badge and its record: each move, when, by whom, and why", async () => {
    const refusedTimeline = [move(null, 'QUEUED', 'jianlang'), move('QUEUED', 'PARSING'), move('PARSING', 'REFUSED', null, '文件无法读取，请重新上传')];
    stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ data: { memberImport: job({ status: 'REFUSED', refusal: '文件无法读取，请重新上传', timeline: refusedTimeline }) } }),
    });
    await openWizard('job-1');
    await vi.waitFor(() => expect(get('member-import-refusal')).toBeTruthy());
    const badge = get('member-import-record').querySelector<HTMLElement>('[data-testid="state-badge"]')!;
    expect(badge.textContent).toBe('未通过');
    expect(badge.classList).toContain('bg-negative');

    get('member-import-record').querySelector<HTMLElement>('.q-item')!.click();
    await flushPromises();
    const entries = [...wizard().querySelectorAll<HTMLElement>('[data-testid="state-timeline-entry"]')];
    expect(entries.map((e) => e.querySelector('.q-timeline__title')!.textContent!.trim())).toEqual(['排队中', '排队中 → 解析中', '解析中 → 未通过']);
    expect(entries.map((e) => e.querySelector('.q-timeline__subtitle')!.textContent)).toEqual([
      '2024-12-27 10:00:00 · jianlang',
      '2024-12-27 10:00:00 · 系统',
      '2024-12-27 10:00:00 · 系统',
    ]);
    expect(entries.at(-1)!.textContent).toContain('文件无法读取，请重新上传');
  });

  it('says when the import in the address no longer exists, and goes back to 上传', async () => {
    stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ errors: [{ message: '导入任务不存在或已过期，请重新上传', extensions: { code: 'NOT_FOUND' } }] }),
    });
    const wrapper = await openWizard('gone');
    await vi.waitFor(() => expect(byTestId('member-import-refusal')?.textContent).toContain('导入任务不存在或已过期，请重新上传'));
    button('member-import-back').click();
    await flushPromises();
    expect(wrapper.emitted('restart')).toEqual([[]]);
  });

  it('is busy while the file is parsed and while it is committed, so the page can warn before it is left', async () => {
    const answers = [job({ status: 'QUEUED', progress: 0 }), job({ status: 'PARSING', progress: 0.5 }), previewed];
    let answerCommit: (value: unknown) => void = () => {};
    stubGraphQLFetch({
      PickableEnterprises: enterprises,
      MemberImport: () => ({ data: { memberImport: answers.length > 1 ? answers.shift() : answers[0] } }),
      CommitMemberImport: () => ({ data: { commitMemberImport: { __typename: 'UserError', code: 'BAD_USER_INPUT', message: '稍后' } } }),
    });
    const wrapper = await openWizard('job-1');
    const busy = () => wrapper.emitted<[boolean]>('update:busy')?.at(-1)?.[0];
    await vi.waitFor(() => expect(step()).toBe('parse'));
    expect(busy()).toBe(true);
    await vi.waitFor(() => expect(step()).toBe('preview'), { timeout: 2000 });
    expect(busy()).toBe(false);

    // The commit's answer is held back until the test lets it through.
    const fetchNow = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => new Promise((resolve) => (answerCommit = () => resolve(fetchNow(url, init)))));
    button('member-import-commit').click();
    await flushPromises();
    expect(busy()).toBe(true);
    answerCommit(undefined);
    await vi.waitFor(() => expect(byTestId('member-import-commit-failure')?.textContent).toContain('稍后'));
    expect(busy()).toBe(false);
  });
});
