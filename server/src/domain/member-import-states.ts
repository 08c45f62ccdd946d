import { defineMachine } from './state-machine.js';

/** 批量导入: an upload waits for a worker, is parsed, then is committed by its clerk or refused. */
export enum ImportStatus {
  QUEUED = 'QUEUED',
  PARSING = 'PARSING',
  READY = 'READY',
  REFUSED = 'REFUSED',
  COMMITTED = 'COMMITTED',
}

export enum ImportEvent {
  /** A worker took the parse job. */
  START = 'START',
  /** The sheet was read and staged: the preview is ready. */
  PARSED = 'PARSED',
  /** The file was refused (broken, too large, over budget), or its parse died. */
  REFUSE = 'REFUSE',
  /** The clerk writes the valid rows to the rolls. */
  COMMIT = 'COMMIT',
}

export const IMPORT_MACHINE = defineMachine<ImportStatus, ImportEvent>({
  subject: 'MemberImport',
  initial: ImportStatus.QUEUED,
  transitions: [
    { from: [ImportStatus.QUEUED], event: ImportEvent.START, to: ImportStatus.PARSING, permission: null },
    { from: [ImportStatus.PARSING], event: ImportEvent.PARSED, to: ImportStatus.READY, permission: null },
    { from: [ImportStatus.QUEUED, ImportStatus.PARSING], event: ImportEvent.REFUSE, to: ImportStatus.REFUSED, permission: null },
    { from: [ImportStatus.READY], event: ImportEvent.COMMIT, to: ImportStatus.COMMITTED, permission: 'MEMBER_WRITE' },
  ],
});
