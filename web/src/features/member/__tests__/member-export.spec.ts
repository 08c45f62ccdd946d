import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachmentName } from '../../../components/download-file';
import { downloadMemberExport } from '../member-export';

afterEach(() => vi.unstubAllGlobals());

describe('member export download', () => {
  it('posts the filter as JSON, never in the address, and saves the file under the server’s name', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(new Blob(['xlsx']), {
        headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx')}` },
      });
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    expect(await downloadMemberExport({ search: '340104199001011234' }, 'zh-CN')).toEqual({
      kind: 'saved',
      fileName: '会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx',
    });
    const [call] = calls;
    expect(calls).toHaveLength(1);
    expect(call?.url).toBe('/api/members/export.xlsx');
    expect(call?.init.method).toBe('POST');
    expect(JSON.parse(String(call?.init.body))).toEqual({ search: '340104199001011234' });
    expect(new Headers(call?.init.headers).get('content-type')).toBe('application/json');
    expect(clicked).toHaveBeenCalledOnce();
  });

  it('hands back the server’s message when it refuses, and a failure when there is none', async () => {
    vi.stubGlobal(
      'fetch',
      async () => new Response(JSON.stringify({ error: { code: 'CONFLICT', message: '您已有一个导出正在进行，请等它完成后再导出' } }), { status: 409 }),
    );
    expect(await downloadMemberExport({}, 'zh-CN')).toEqual({ kind: 'refused', message: '您已有一个导出正在进行，请等它完成后再导出' });
    vi.stubGlobal('fetch', async () => new Response('<html>', { status: 502 }));
    expect(await downloadMemberExport({}, 'zh-CN')).toEqual({ kind: 'failed' });
    vi.stubGlobal('fetch', async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await downloadMemberExport({}, 'zh-CN')).toEqual({ kind: 'failed' });
  });

  it('reads the file name from Content-Disposition', () => {
    expect(attachmentName(`attachment; filename*=UTF-8''%E4%BC%9A%E5%91%98.xlsx`, 'x.xlsx')).toBe('会员.xlsx');
    expect(attachmentName(null, 'x.xlsx')).toBe('x.xlsx');
    expect(attachmentName(`attachment; filename*=UTF-8''%E4%ZZ`, 'x.xlsx')).toBe('x.xlsx');
  });
});
