import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SessionViewerFragment } from '../../../gql/graphql';
import { decideNavigation } from '../../../router/guard';
import { routes } from '../../../router/routes';
import { errorReportUrl, importFileProblem, importInProgress, importStep, isStillParsing, MAX_IMPORT_BYTES, rowsToWrite, uploadAnswer } from '../member-import';

describe('import wizard step from the upload status', () => {
  it('starts at 上传 before any upload', () => {
    expect(importStep(null)).toBe('upload');
    expect(importStep(undefined)).toBe('upload');
  });

  it('shows 解析 while parsing and for a refused file (with its refusal), 预览 until written, then 结果', () => {
    expect(importStep('QUEUED')).toBe('parse');
    expect(importStep('PARSING')).toBe('parse');
    expect(importStep('REFUSED')).toBe('parse');
    expect(importStep('READY')).toBe('preview');
    expect(importStep('COMMITTED')).toBe('result');
  });

  it('keeps asking only while the file is being parsed', () => {
    expect(isStillParsing('QUEUED')).toBe(true);
    expect(isStillParsing('PARSING')).toBe(true);
    for (const status of ['READY', 'REFUSED', 'COMMITTED'] as const) expect(isStillParsing(status)).toBe(false);
  });
});

describe('file checks before uploading', () => {
  it('accepts a non-empty .xlsx within 10 MB, whatever the case of the extension', () => {
    expect(MAX_IMPORT_BYTES).toBe(10 * 1024 * 1024);
    expect(importFileProblem({ name: '会员.xlsx', size: 1 })).toBeNull();
    expect(importFileProblem({ name: 'MEMBERS.XLSX', size: MAX_IMPORT_BYTES })).toBeNull();
  });

  it('refuses other types, naming the usual mistakes: old .xls, WPS, macros, CSV', () => {
    expect(importFileProblem({ name: '会员.xls', size: 100 })).toBe('xls');
    expect(importFileProblem({ name: '会员.XLS', size: 100 })).toBe('xls');
    expect(importFileProblem({ name: '会员.et', size: 100 })).toBe('wps');
    expect(importFileProblem({ name: '会员.xlsm', size: 100 })).toBe('macro');
    expect(importFileProblem({ name: '会员.csv', size: 100 })).toBe('csv');
    expect(importFileProblem({ name: '会员.xlsx.zip', size: 100 })).toBe('type');
    expect(importFileProblem({ name: 'xlsx', size: 100 })).toBe('type');
    expect(importFileProblem({ name: '会员', size: 100 })).toBe('type');
  });

  it('refuses empty files and files over the limit', () => {
    expect(importFileProblem({ name: '会员.xlsx', size: 0 })).toBe('empty');
    expect(importFileProblem({ name: '会员.xlsx', size: MAX_IMPORT_BYTES + 1 })).toBe('size');
  });
});

describe('rows a commit would write', () => {
  const counts = { newCount: 47, updateCount: 2, unchangedCount: 5, invalidCount: 3 };

  it('writes the new and changed rows, skipping the bad ones, by default', () => {
    expect(rowsToWrite(counts, false)).toBe(49);
  });

  it('writes nothing with 全部成功才导入 while any row is bad', () => {
    expect(rowsToWrite(counts, true)).toBe(0);
    expect(rowsToWrite({ ...counts, invalidCount: 0 }, true)).toBe(49);
  });

  it('has nothing to write when every row is unchanged or bad', () => {
    expect(rowsToWrite({ newCount: 0, updateCount: 0, unchangedCount: 50, invalidCount: 2 }, false)).toBe(0);
  });
});

describe('the answer to an upload', () => {
  it('reads the new import id from 202', () => {
    expect(uploadAnswer(202, '{"id":"5f0c"}')).toEqual({ kind: 'accepted', id: '5f0c' });
  });

  it("passes the server's localized refusal on, with its field", () => {
    expect(uploadAnswer(400, JSON.stringify({ error: { code: 'BAD_USER_INPUT', message: '请选择关联企业', field: 'enterpriseId' } }))).toEqual({
      kind: 'refused',
      message: '请选择关联企业',
      field: 'enterpriseId',
    });
    expect(uploadAnswer(413, JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: '文件超过 10 MB 上限' } }))).toEqual({
      kind: 'refused',
      message: '文件超过 10 MB 上限',
      field: null,
    }); // Another import of the union is running; the server is busy with others.
    expect(uploadAnswer(409, JSON.stringify({ error: { code: 'CONFLICT', message: '本单位已有一个导入正在处理，请等它完成后再上传' } }))).toMatchObject({
      kind: 'refused',
      message: '本单位已有一个导入正在处理，请等它完成后再上传',
    });
    expect(uploadAnswer(429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: '正在处理的导入较多，请稍后再上传' } }))).toMatchObject({
      kind: 'refused',
      message: '正在处理的导入较多，请稍后再上传',
    });
  });

  it('treats a server failure, a page that is not JSON or a 202 without id as a failed upload', () => {
    expect(uploadAnswer(500, JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'error' } }))).toEqual({ kind: 'failed' });
    expect(uploadAnswer(502, '<html>Bad gateway</html>')).toEqual({ kind: 'failed' });
    expect(uploadAnswer(202, '{}')).toEqual({ kind: 'failed' });
    expect(uploadAnswer(0, '')).toEqual({ kind: 'failed' });
  });
});

describe('download addresses', () => {
  it('names the error report of an import', () => {
    expect(errorReportUrl('a1b2-c3')).toBe('/api/member-imports/a1b2-c3/errors.xlsx');
    expect(errorReportUrl('../x')).toBe('/api/member-imports/..%2Fx/errors.xlsx');
  });
});

describe('the wizard in the address', () => {
  const router = createRouter({ history: createMemoryHistory(), routes });
  const clerk: SessionViewerFragment = {
    id: '1',
    username: 'jianlang',
    displayName: '王经办',
    role: 'CLERK',
    mustChangePassword: false,
    permissions: ['ORGANIZATION_READ', 'MEMBER_READ', 'MEMBER_WRITE'],
    organization: { id: '10', name: '上海建朗信息科技有限公司工会', tier: 'GRASSROOTS' },
  };

  it('is /members/import, and /members/import/<id> once the server took the upload, so a reload finds it', () => {
    expect(router.resolve('/members/import')).toMatchObject({ name: 'member-import', params: { importId: '' } });
    expect(router.resolve('/members/import/5f0c')).toMatchObject({ name: 'member-import', params: { importId: '5f0c' } });
    expect(router.resolve({ name: 'member-import', params: { importId: '5f0c' } }).fullPath).toBe('/members/import/5f0c');
    expect(router.resolve('/members/42').name).toBe('member');
  });

  it('is for those who may write members', () => {
    expect(decideNavigation(router.resolve('/members/import/5f0c'), clerk)).toBe(true);
    const reviewer = { ...clerk, permissions: ['ORGANIZATION_READ', 'MEMBER_READ'] as SessionViewerFragment['permissions'] };
    expect(decideNavigation(router.resolve('/members/import/5f0c'), reviewer)).toMatchObject({ name: 'not-available' });
  });
});

describe('work under way (the page warns before it is left)', () => {
  it('while uploading, parsing or committing; not at 上传, in the preview, after a refusal or the result', () => {
    const idle = { uploading: false, committing: false };
    expect(importInProgress({ ...idle, uploading: true, status: null })).toBe(true);
    expect(importInProgress({ ...idle, status: 'QUEUED' })).toBe(true);
    expect(importInProgress({ ...idle, status: 'PARSING' })).toBe(true);
    expect(importInProgress({ ...idle, committing: true, status: 'READY' })).toBe(true);
    for (const status of [null, 'READY', 'REFUSED', 'COMMITTED'] as const) expect(importInProgress({ ...idle, status })).toBe(false);
  });
});
