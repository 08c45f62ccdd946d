/** A temporary password the server just issued; shown once, never stored. */
export interface IssuedPassword {
  username: string;
  temporaryPassword: string;
}
