export enum Role {
  CLERK = 'CLERK',
  REVIEWER = 'REVIEWER',
  ADMIN = 'ADMIN',
}
