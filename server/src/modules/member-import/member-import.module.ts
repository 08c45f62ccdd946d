import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { Config } from '../../config.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import { defineModule } from '../define-module.js';
import { MemberImportRow } from './import-row.entity.js';
import { MemberImportJob } from './import-job.entity.js';
import { MemberImportService, PARSE_TASK, type ParseJob } from './member-import.service.js';
import { MemberImportResolver } from './member-import.resolver.js';

export const memberImportModule = defineModule({
  name: 'member-import',
  entities: [MemberImportRow, MemberImportJob],
  services: (s: { orm: MikroORM; clock: Clock; config: Config; cipher: PiiCipher; audit: AuditService }) => ({
    memberImports: new MemberImportService(s.orm, s.clock, s.cipher, s.audit, {
      maxBytes: s.config.importMaxBytes,
      maxRows: s.config.importMaxRows,
      parseSeconds: s.config.importParseSeconds,
      parseMemoryMb: s.config.importParseMemoryMb,
      maxParallel: s.config.importMaxParallel,
    }),
  }),
  resolvers: (s) => [new MemberImportResolver(s.memberImports)],
  tasks: (s) => ({ [PARSE_TASK]: (ctx, data: ParseJob, attempt) => s.memberImports.runParse(ctx, data, attempt, attempt.log) }),
});
