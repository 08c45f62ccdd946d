/** The orders of the members list; plain here for the service, registered for GraphQL in member.type.ts. */
export enum MemberSort {
  NEWEST = 'NEWEST',
  NAME = 'NAME',
  MEMBER_NO = 'MEMBER_NO',
  JOINED_AT = 'JOINED_AT',
}
