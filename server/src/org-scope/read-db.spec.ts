import { describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { asQuestionMarks, ReadDb, referenceSql, ScopedReads, scopedSql, selectColumns, SqlParams, unscopedSql } from './read-db.js';
import { ContextFactory } from '../common/request-context.js';

describe('the read path', () => {
  it('refuses a scoped statement that does not limit itself to the subtree bound to $1', () => {
    expect(() => scopedSql('select m.id from member m where m.id = $2')).toThrow(/org_path like \$1/);
    // $10 is a parameter of its own, not the scope.
    expect(() => scopedSql('select m.id from member m where m.org_path like $10')).toThrow(/org_path like \$1/);
    expect(() => scopedSql('select o.id from organization o where o.path like $1')).not.toThrow();
    expect(scopedSql('select m.id from member m where m.org_path like $1 and m.id = $2').kind).toBe('scoped');
    expect(unscopedSql('select 1').kind).toBe('unscoped');
  });

  it('lets a reference statement read only the reference tables', () => {
    expect(referenceSql('select p.id from protection_plan p where p.id = $1').kind).toBe('reference');
    expect(() => referenceSql('select p.id from protection_plan p join member m on m.id = p.id')).toThrow(/reads only/);
    expect(() => referenceSql('select 1')).toThrow(/reads only/);
  });

  it('names a statement by its text, the same in every process, and scoped and unscoped apart', () => {
    const text = 'select m.id from member m where m.org_path like $1';
    expect(scopedSql(text).name).toBe(scopedSql(`${text}`).name);
    expect(scopedSql(text).name).not.toBe(unscopedSql(text).name);
    expect(scopedSql(text).name).toMatch(/^r[\w-]{22}$/);
    // Planned for its values each time: unnamed, so the driver never prepares it; the named one stays named.
    expect(scopedSql(text, { planEachTime: true })).toMatchObject({ name: undefined, text });
    expect(scopedSql(text).name).toMatch(/^r[\w-]{22}$/);
  });

  it('cannot read without a viewer: neither the reads themselves nor a context without one', () => {
    const db = new ReadDb(() => 'postgres://nowhere/none');
    expect(() => new ScopedReads(db.pool, { orgPath: '' })).toThrow(/viewer/);
    expect(() => db.forViewer(undefined as never)).toThrow(/viewer/);
    const contexts = new ContextFactory({} as MikroORM, db, () => ({}) as never);
    const anonymous = contexts.create({ requestId: 'r', ip: '127.0.0.1', lang: 'zh-CN' });
    expect(() => anonymous.reads).toThrow(/viewer/);
    return db.close();
  });

  it('numbers parameters after the scope and turns them into knex bindings, a reused one repeated', () => {
    const params = new SqlParams();
    const a = params.add('x');
    const b = params.add(7);
    expect([a, b]).toEqual(['$2', '$3']);
    expect(asQuestionMarks(`where p like $1 and (n = ${a} or m = ${a}) and k = ${b}`, ['/1/%', ...params.values])).toEqual({
      sql: 'where p like ? and (n = ? or m = ?) and k = ?',
      bindings: ['/1/%', 'x', 'x', 7],
    });
  });

  it('answers columns under their property names', () => {
    expect(selectColumns('m', ['id', 'memberNo', 'idNumberMasked'])).toBe('m.id as "id", m.member_no as "memberNo", m.id_number_masked as "idNumberMasked"');
  });
});
