/** The orders of the accounts list; plain here for the service, registered for GraphQL in account.type.ts. */
export enum AccountSort {
  USERNAME = 'USERNAME',
  DISPLAY_NAME = 'DISPLAY_NAME',
}
