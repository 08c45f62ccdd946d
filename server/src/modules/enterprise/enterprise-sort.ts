/** The orders of the enterprises list; plain here for the service, registered for GraphQL in enterprise.type.ts. */
export enum EnterpriseSort {
  NAME = 'NAME',
  CREDIT_CODE = 'CREDIT_CODE',
}
