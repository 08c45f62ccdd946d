/** The orders of the organizations list; plain here for the service, registered for GraphQL in organization.type.ts. */
export enum OrganizationSort {
  NAME = 'NAME',
  /** Higher tiers first, then by name. */
  TIER = 'TIER',
}
