// The limit the reads bench measures against: a bare Node `http` + `pg` server answering the same JSON
// as the GraphQL API from the same SQL statements, imported from the server's build (the session lookup,
// the members list's count and page, a member by id), on a pool of the same size. No framework, no
// GraphQL, no validation beyond the session: what the hardware gives for these reads.
//   node bare-server.js <port> <databaseUrl>; routes: /members, /member/<id>, /me; prints "Ready" when listening.
import { createHash } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { root } from './server.js';

const dist = (p) => import(path.join(root, 'server/dist', p));
const { SESSION_VIEWER } = await dist('auth/session.service.js');
const { MEMBERS_BY_ID } = await dist('modules/member/member.reads.js');
const { membersList, SUBTREE_MEMBERS } = await dist('modules/member/member.service.js');
const { sqlListStatements } = await dist('common/pagination/sql-page.js');
const { SqlParams } = await dist('org-scope/read-db.js');

const [port, databaseUrl] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const newest = sqlListStatements(membersList(['m.org_path like $1'], new SqlParams(), null, null));
const page = newest.page(false);

const run = async (stmt, values) => (await pool.query({ name: stmt.name, text: stmt.text, values })).rows;

async function viewer(req) {
  const token = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (!token) return null;
  const [s] = await run(SESSION_VIEWER, [createHash('sha256').update(token).digest('hex')]);
  return s && !s.disabled ? s : null;
}

const memberNode = (m) => ({ id: String(m.id), name: m.name, memberNo: m.memberNo, idNumberMasked: m.idNumberMasked, mobileMasked: m.mobileMasked });

const routes = {
  async me(v) {
    return { me: { username: v.username } };
  },
  async members(v) {
    const pattern = `${v.path}%`;
    const [nodes, [count]] = await Promise.all([run(page, [pattern, 20, 0]), run(SUBTREE_MEMBERS, [pattern, v.organization_id])]);
    return { members: { totalCount: count?.members ?? 0, nodes: nodes.map(memberNode) } };
  },
  async member(v, id) {
    const [m] = await run(MEMBERS_BY_ID, [`${v.path}%`, [Number(id)]]);
    return { member: m ? memberNode(m) : null };
  },
};

http
  .createServer(async (req, res) => {
    try {
      const [, route, id] = req.url.split('/');
      const v = await viewer(req);
      const data = v && routes[route] ? await routes[route](v, id) : null;
      res.writeHead(data ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  })
  .listen(Number(port), '127.0.0.1', () => console.log('Ready'));
