/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SessionProbe {\n    me {\n      id\n    }\n  }\n": typeof types.SessionProbeDocument,
    "\n  query PickableOrganizations($search: String) {\n    organizations(subtree: true, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        tier\n      }\n    }\n  }\n": typeof types.PickableOrganizationsDocument,
    "\n  query PickedOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      tier\n    }\n  }\n": typeof types.PickedOrganizationDocument,
    "\n  fragment AccountStatusToggle on Account {\n    id\n    username\n    disabled\n    version\n  }\n": typeof types.AccountStatusToggleFragmentDoc,
    "\n  mutation SetAccountDisabled($input: SetAccountDisabledInput!) {\n    setAccountDisabled(input: $input) {\n      __typename\n      ... on AccountPayload {\n        account {\n          id\n          disabled\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n    }\n  }\n": typeof types.SetAccountDisabledDocument,
    "\n  query Accounts($organizationId: ID, $search: String, $sort: AccountSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    accounts(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        lockedUntil\n        lastLoginAt\n        organization {\n          id\n          name\n        }\n        ...AccountStatusToggle\n        ...ResetPasswordButton\n      }\n    }\n  }\n": typeof types.AccountsDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.CreateAccountDocument,
    "\n  fragment ResetPasswordButton on Account {\n    id\n    username\n  }\n": typeof types.ResetPasswordButtonFragmentDoc,
    "\n  mutation ResetPassword($accountId: ID!) {\n    resetPassword(accountId: $accountId) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query AuditEntries($organizationId: ID!, $page: Int!, $pageSize: Int!) {\n    auditEntries(organizationId: $organizationId, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        at\n        actorUsername\n        action\n        targetType\n        targetId\n        before\n        after\n        ip\n      }\n    }\n  }\n": typeof types.AuditEntriesDocument,
    "\n  query Captcha {\n    captcha {\n      id\n      image\n    }\n  }\n": typeof types.CaptchaDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on AccountLocked {\n        lockedUntil\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  fragment SessionViewer on Viewer {\n    id\n    username\n    displayName\n    role\n    mustChangePassword\n    permissions\n    organization {\n      id\n      name\n      tier\n    }\n  }\n": typeof types.SessionViewerFragmentDoc,
    "\n  query Session {\n    me {\n      ...SessionViewer\n    }\n  }\n": typeof types.SessionDocument,
    "\n  fragment EditableEnterprise on Enterprise {\n    id\n    name\n    creditCode\n    address\n    version\n  }\n": typeof types.EditableEnterpriseFragmentDoc,
    "\n  mutation CreateEnterprise($input: EnterpriseInput!) {\n    createEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.CreateEnterpriseDocument,
    "\n  mutation UpdateEnterprise($input: UpdateEnterpriseInput!) {\n    updateEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.UpdateEnterpriseDocument,
    "\n  query FreshEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      ...EditableEnterprise\n    }\n  }\n": typeof types.FreshEnterpriseDocument,
    "\n  query PickableEnterprises($organizationId: ID, $search: String) {\n    enterprises(organizationId: $organizationId, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        creditCode\n      }\n    }\n  }\n": typeof types.PickableEnterprisesDocument,
    "\n  query PickedEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      creditCode\n    }\n  }\n": typeof types.PickedEnterpriseDocument,
    "\n  query Enterprises($organizationId: ID, $search: String, $sort: EnterpriseSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    enterprises(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        creditCode\n        address\n        ...EditableEnterprise\n      }\n    }\n  }\n": typeof types.EnterprisesDocument,
    "\n  fragment MemberImportView on MemberImport {\n    id\n    status\n    availableEvents\n    progress\n    refusal\n    newCount\n    updateCount\n    unchangedCount\n    invalidCount\n    unknownColumns\n    errors {\n      rowNo\n      column\n      message\n    }\n    result {\n      inserted\n      updated\n      unchanged\n      skipped {\n        rowNo\n        message\n      }\n    }\n  }\n": typeof types.MemberImportViewFragmentDoc,
    "\n  query MemberImport($id: ID!) {\n    memberImport(id: $id) {\n      id\n      ...MemberImportView\n    }\n  }\n": typeof types.MemberImportDocument,
    "\n  mutation CommitMemberImport($id: ID!, $allOrNothing: Boolean!) {\n    commitMemberImport(id: $id, allOrNothing: $allOrNothing) {\n      __typename\n      ... on MemberImportPayload {\n        memberImport {\n          id\n          ...MemberImportView\n        }\n      }\n      ... on UserError {\n        code\n        message\n      }\n    }\n  }\n": typeof types.CommitMemberImportDocument,
    "\n  fragment LifeStatusMember on Member {\n    id\n    name\n    version\n    lifeStatus\n  }\n": typeof types.LifeStatusMemberFragmentDoc,
    "\n  mutation SetMemberLifeStatus($input: SetMemberLifeStatusInput!) {\n    setMemberLifeStatus(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          lifeStatus\n          lifeStatusDate\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.SetMemberLifeStatusDocument,
    "\n  query FreshLifeStatusMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...LifeStatusMember\n    }\n  }\n": typeof types.FreshLifeStatusMemberDocument,
    "\n  fragment MemberFacts on Member {\n    memberNo\n    name\n    gender\n    birthDate\n    idType\n    idNumberMasked\n    idExpiry\n    idExpiryLongTerm\n    mobileMasked\n    workAddress\n    category\n    lifeStatus\n    lifeStatusDate\n    femalePostType\n    joinedAt\n    needsConfirmation\n    ecardActivatedAt\n    enterprise {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n": typeof types.MemberFactsFragmentDoc,
    "\n  fragment EditableMember on Member {\n    id\n    memberNo\n    version\n    name\n    idType\n    gender\n    femalePostType\n    idExpiry\n    idExpiryLongTerm\n    workAddress\n    category\n    joinedAt\n    enterprise {\n      id\n    }\n    organization {\n      id\n    }\n  }\n": typeof types.EditableMemberFragmentDoc,
    "\n  mutation CreateMember($input: MemberInput!) {\n    createMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.CreateMemberDocument,
    "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.UpdateMemberDocument,
    "\n  query FreshEditableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...EditableMember\n    }\n  }\n": typeof types.FreshEditableMemberDocument,
    "\n  mutation RevealEditedMember($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n": typeof types.RevealEditedMemberDocument,
    "\n  query Members(\n    $organizationId: ID\n    $enterpriseId: ID\n    $category: MemberCategory\n    $lifeStatus: LifeStatus\n    $needsConfirmation: Boolean\n    $search: String\n    $sort: MemberSort\n    $direction: SortDirection\n    $page: Int!\n    $pageSize: Int!\n  ) {\n    members(\n      organizationId: $organizationId\n      enterpriseId: $enterpriseId\n      category: $category\n      lifeStatus: $lifeStatus\n      needsConfirmation: $needsConfirmation\n      search: $search\n      sort: $sort\n      direction: $direction\n      page: $page\n      pageSize: $pageSize\n    ) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        memberNo\n        name\n        gender\n        idType\n        idNumberMasked\n        mobileMasked\n        category\n        lifeStatus\n        joinedAt\n        needsConfirmation\n        enterprise {\n          id\n          name\n        }\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  fragment TransferableMember on Member {\n    id\n    name\n    version\n    organization {\n      id\n      name\n    }\n  }\n": typeof types.TransferableMemberFragmentDoc,
    "\n  mutation TransferMember($input: TransferMemberInput!) {\n    transferMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          version\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": typeof types.TransferMemberDocument,
    "\n  query FreshTransferableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...TransferableMember\n    }\n  }\n": typeof types.FreshTransferableMemberDocument,
    "\n  query MemberDetail($id: ID!) {\n    member(id: $id) {\n      id\n      name\n      lifeStatus\n      organization {\n        id\n      }\n      ...MemberFacts\n      ...EditableMember\n      ...LifeStatusMember\n      ...TransferableMember\n    }\n  }\n": typeof types.MemberDetailDocument,
    "\n  mutation RevealMemberPersonalData($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n": typeof types.RevealMemberPersonalDataDocument,
    "\n  query Messages($pageSize: Int!) {\n    messages(pageSize: $pageSize) {\n      unreadCount\n      nodes {\n        id\n        text\n        createdAt\n        readAt\n      }\n    }\n  }\n": typeof types.MessagesDocument,
    "\n  mutation MarkMessagesRead($ids: [ID!]!) {\n    markMessagesRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": typeof types.MarkMessagesReadDocument,
    "\n  query ChildOrganizations($parentId: ID!, $search: String, $sort: OrganizationSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    organizations(parentId: $parentId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        tier\n        grassrootsCount\n        accountCount\n      }\n    }\n  }\n": typeof types.ChildOrganizationsDocument,
    "\n  fragment CreateOrganizationParent on Organization {\n    id\n    name\n    tier\n  }\n": typeof types.CreateOrganizationParentFragmentDoc,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      __typename\n      ... on OrganizationPayload {\n        organization {\n          id\n          name\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n": typeof types.CreateOrganizationDocument,
    "\n  query OrganizationName($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n    }\n  }\n": typeof types.OrganizationNameDocument,
    "\n  fragment OrganizationSummary on Organization {\n    id\n    name\n    tier\n    creditCode\n    grassrootsCount\n    accountCount\n  }\n": typeof types.OrganizationSummaryFragmentDoc,
    "\n  query HomeOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      tier\n      childCount\n      ...OrganizationSummary\n      ...CreateOrganizationParent\n    }\n  }\n": typeof types.HomeOrganizationDocument,
    "\n  query Workbench($organizationId: ID, $from: String, $to: String) {\n    workbench(organizationId: $organizationId, from: $from, to: $to) {\n      today\n      from\n      to\n      memberCount\n      activeMemberCount\n      grassrootsCount\n      enterpriseCount\n      newToday\n      newThisWeek\n      newThisMonth\n      newInRange\n      ecardActivationsInRange\n      daily {\n        date\n        newMembers\n        ecardActivations\n      }\n    }\n  }\n": typeof types.WorkbenchDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  query SessionProbe {\n    me {\n      id\n    }\n  }\n": types.SessionProbeDocument,
    "\n  query PickableOrganizations($search: String) {\n    organizations(subtree: true, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        tier\n      }\n    }\n  }\n": types.PickableOrganizationsDocument,
    "\n  query PickedOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      tier\n    }\n  }\n": types.PickedOrganizationDocument,
    "\n  fragment AccountStatusToggle on Account {\n    id\n    username\n    disabled\n    version\n  }\n": types.AccountStatusToggleFragmentDoc,
    "\n  mutation SetAccountDisabled($input: SetAccountDisabledInput!) {\n    setAccountDisabled(input: $input) {\n      __typename\n      ... on AccountPayload {\n        account {\n          id\n          disabled\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n    }\n  }\n": types.SetAccountDisabledDocument,
    "\n  query Accounts($organizationId: ID, $search: String, $sort: AccountSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    accounts(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        lockedUntil\n        lastLoginAt\n        organization {\n          id\n          name\n        }\n        ...AccountStatusToggle\n        ...ResetPasswordButton\n      }\n    }\n  }\n": types.AccountsDocument,
    "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.CreateAccountDocument,
    "\n  fragment ResetPasswordButton on Account {\n    id\n    username\n  }\n": types.ResetPasswordButtonFragmentDoc,
    "\n  mutation ResetPassword($accountId: ID!) {\n    resetPassword(accountId: $accountId) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query AuditEntries($organizationId: ID!, $page: Int!, $pageSize: Int!) {\n    auditEntries(organizationId: $organizationId, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        at\n        actorUsername\n        action\n        targetType\n        targetId\n        before\n        after\n        ip\n      }\n    }\n  }\n": types.AuditEntriesDocument,
    "\n  query Captcha {\n    captcha {\n      id\n      image\n    }\n  }\n": types.CaptchaDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on AccountLocked {\n        lockedUntil\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  fragment SessionViewer on Viewer {\n    id\n    username\n    displayName\n    role\n    mustChangePassword\n    permissions\n    organization {\n      id\n      name\n      tier\n    }\n  }\n": types.SessionViewerFragmentDoc,
    "\n  query Session {\n    me {\n      ...SessionViewer\n    }\n  }\n": types.SessionDocument,
    "\n  fragment EditableEnterprise on Enterprise {\n    id\n    name\n    creditCode\n    address\n    version\n  }\n": types.EditableEnterpriseFragmentDoc,
    "\n  mutation CreateEnterprise($input: EnterpriseInput!) {\n    createEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.CreateEnterpriseDocument,
    "\n  mutation UpdateEnterprise($input: UpdateEnterpriseInput!) {\n    updateEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.UpdateEnterpriseDocument,
    "\n  query FreshEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      ...EditableEnterprise\n    }\n  }\n": types.FreshEnterpriseDocument,
    "\n  query PickableEnterprises($organizationId: ID, $search: String) {\n    enterprises(organizationId: $organizationId, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        creditCode\n      }\n    }\n  }\n": types.PickableEnterprisesDocument,
    "\n  query PickedEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      creditCode\n    }\n  }\n": types.PickedEnterpriseDocument,
    "\n  query Enterprises($organizationId: ID, $search: String, $sort: EnterpriseSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    enterprises(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        creditCode\n        address\n        ...EditableEnterprise\n      }\n    }\n  }\n": types.EnterprisesDocument,
    "\n  fragment MemberImportView on MemberImport {\n    id\n    status\n    availableEvents\n    progress\n    refusal\n    newCount\n    updateCount\n    unchangedCount\n    invalidCount\n    unknownColumns\n    errors {\n      rowNo\n      column\n      message\n    }\n    result {\n      inserted\n      updated\n      unchanged\n      skipped {\n        rowNo\n        message\n      }\n    }\n  }\n": types.MemberImportViewFragmentDoc,
    "\n  query MemberImport($id: ID!) {\n    memberImport(id: $id) {\n      id\n      ...MemberImportView\n    }\n  }\n": types.MemberImportDocument,
    "\n  mutation CommitMemberImport($id: ID!, $allOrNothing: Boolean!) {\n    commitMemberImport(id: $id, allOrNothing: $allOrNothing) {\n      __typename\n      ... on MemberImportPayload {\n        memberImport {\n          id\n          ...MemberImportView\n        }\n      }\n      ... on UserError {\n        code\n        message\n      }\n    }\n  }\n": types.CommitMemberImportDocument,
    "\n  fragment LifeStatusMember on Member {\n    id\n    name\n    version\n    lifeStatus\n  }\n": types.LifeStatusMemberFragmentDoc,
    "\n  mutation SetMemberLifeStatus($input: SetMemberLifeStatusInput!) {\n    setMemberLifeStatus(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          lifeStatus\n          lifeStatusDate\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.SetMemberLifeStatusDocument,
    "\n  query FreshLifeStatusMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...LifeStatusMember\n    }\n  }\n": types.FreshLifeStatusMemberDocument,
    "\n  fragment MemberFacts on Member {\n    memberNo\n    name\n    gender\n    birthDate\n    idType\n    idNumberMasked\n    idExpiry\n    idExpiryLongTerm\n    mobileMasked\n    workAddress\n    category\n    lifeStatus\n    lifeStatusDate\n    femalePostType\n    joinedAt\n    needsConfirmation\n    ecardActivatedAt\n    enterprise {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n": types.MemberFactsFragmentDoc,
    "\n  fragment EditableMember on Member {\n    id\n    memberNo\n    version\n    name\n    idType\n    gender\n    femalePostType\n    idExpiry\n    idExpiryLongTerm\n    workAddress\n    category\n    joinedAt\n    enterprise {\n      id\n    }\n    organization {\n      id\n    }\n  }\n": types.EditableMemberFragmentDoc,
    "\n  mutation CreateMember($input: MemberInput!) {\n    createMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.CreateMemberDocument,
    "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.UpdateMemberDocument,
    "\n  query FreshEditableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...EditableMember\n    }\n  }\n": types.FreshEditableMemberDocument,
    "\n  mutation RevealEditedMember($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n": types.RevealEditedMemberDocument,
    "\n  query Members(\n    $organizationId: ID\n    $enterpriseId: ID\n    $category: MemberCategory\n    $lifeStatus: LifeStatus\n    $needsConfirmation: Boolean\n    $search: String\n    $sort: MemberSort\n    $direction: SortDirection\n    $page: Int!\n    $pageSize: Int!\n  ) {\n    members(\n      organizationId: $organizationId\n      enterpriseId: $enterpriseId\n      category: $category\n      lifeStatus: $lifeStatus\n      needsConfirmation: $needsConfirmation\n      search: $search\n      sort: $sort\n      direction: $direction\n      page: $page\n      pageSize: $pageSize\n    ) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        memberNo\n        name\n        gender\n        idType\n        idNumberMasked\n        mobileMasked\n        category\n        lifeStatus\n        joinedAt\n        needsConfirmation\n        enterprise {\n          id\n          name\n        }\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  fragment TransferableMember on Member {\n    id\n    name\n    version\n    organization {\n      id\n      name\n    }\n  }\n": types.TransferableMemberFragmentDoc,
    "\n  mutation TransferMember($input: TransferMemberInput!) {\n    transferMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          version\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n": types.TransferMemberDocument,
    "\n  query FreshTransferableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...TransferableMember\n    }\n  }\n": types.FreshTransferableMemberDocument,
    "\n  query MemberDetail($id: ID!) {\n    member(id: $id) {\n      id\n      name\n      lifeStatus\n      organization {\n        id\n      }\n      ...MemberFacts\n      ...EditableMember\n      ...LifeStatusMember\n      ...TransferableMember\n    }\n  }\n": types.MemberDetailDocument,
    "\n  mutation RevealMemberPersonalData($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n": types.RevealMemberPersonalDataDocument,
    "\n  query Messages($pageSize: Int!) {\n    messages(pageSize: $pageSize) {\n      unreadCount\n      nodes {\n        id\n        text\n        createdAt\n        readAt\n      }\n    }\n  }\n": types.MessagesDocument,
    "\n  mutation MarkMessagesRead($ids: [ID!]!) {\n    markMessagesRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n": types.MarkMessagesReadDocument,
    "\n  query ChildOrganizations($parentId: ID!, $search: String, $sort: OrganizationSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    organizations(parentId: $parentId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        tier\n        grassrootsCount\n        accountCount\n      }\n    }\n  }\n": types.ChildOrganizationsDocument,
    "\n  fragment CreateOrganizationParent on Organization {\n    id\n    name\n    tier\n  }\n": types.CreateOrganizationParentFragmentDoc,
    "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      __typename\n      ... on OrganizationPayload {\n        organization {\n          id\n          name\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n": types.CreateOrganizationDocument,
    "\n  query OrganizationName($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n    }\n  }\n": types.OrganizationNameDocument,
    "\n  fragment OrganizationSummary on Organization {\n    id\n    name\n    tier\n    creditCode\n    grassrootsCount\n    accountCount\n  }\n": types.OrganizationSummaryFragmentDoc,
    "\n  query HomeOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      tier\n      childCount\n      ...OrganizationSummary\n      ...CreateOrganizationParent\n    }\n  }\n": types.HomeOrganizationDocument,
    "\n  query Workbench($organizationId: ID, $from: String, $to: String) {\n    workbench(organizationId: $organizationId, from: $from, to: $to) {\n      today\n      from\n      to\n      memberCount\n      activeMemberCount\n      grassrootsCount\n      enterpriseCount\n      newToday\n      newThisWeek\n      newThisMonth\n      newInRange\n      ecardActivationsInRange\n      daily {\n        date\n        newMembers\n        ecardActivations\n      }\n    }\n  }\n": types.WorkbenchDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionProbe {\n    me {\n      id\n    }\n  }\n"): (typeof documents)["\n  query SessionProbe {\n    me {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickableOrganizations($search: String) {\n    organizations(subtree: true, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        tier\n      }\n    }\n  }\n"): (typeof documents)["\n  query PickableOrganizations($search: String) {\n    organizations(subtree: true, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        tier\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickedOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      tier\n    }\n  }\n"): (typeof documents)["\n  query PickedOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      tier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountStatusToggle on Account {\n    id\n    username\n    disabled\n    version\n  }\n"): (typeof documents)["\n  fragment AccountStatusToggle on Account {\n    id\n    username\n    disabled\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAccountDisabled($input: SetAccountDisabledInput!) {\n    setAccountDisabled(input: $input) {\n      __typename\n      ... on AccountPayload {\n        account {\n          id\n          disabled\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetAccountDisabled($input: SetAccountDisabledInput!) {\n    setAccountDisabled(input: $input) {\n      __typename\n      ... on AccountPayload {\n        account {\n          id\n          disabled\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Accounts($organizationId: ID, $search: String, $sort: AccountSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    accounts(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        lockedUntil\n        lastLoginAt\n        organization {\n          id\n          name\n        }\n        ...AccountStatusToggle\n        ...ResetPasswordButton\n      }\n    }\n  }\n"): (typeof documents)["\n  query Accounts($organizationId: ID, $search: String, $sort: AccountSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    accounts(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        username\n        displayName\n        role\n        disabled\n        lockedUntil\n        lastLoginAt\n        organization {\n          id\n          name\n        }\n        ...AccountStatusToggle\n        ...ResetPasswordButton\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAccount($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ResetPasswordButton on Account {\n    id\n    username\n  }\n"): (typeof documents)["\n  fragment ResetPasswordButton on Account {\n    id\n    username\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($accountId: ID!) {\n    resetPassword(accountId: $accountId) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($accountId: ID!) {\n    resetPassword(accountId: $accountId) {\n      __typename\n      ... on TemporaryPassword {\n        temporaryPassword\n        account {\n          id\n          username\n        }\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEntries($organizationId: ID!, $page: Int!, $pageSize: Int!) {\n    auditEntries(organizationId: $organizationId, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        at\n        actorUsername\n        action\n        targetType\n        targetId\n        before\n        after\n        ip\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEntries($organizationId: ID!, $page: Int!, $pageSize: Int!) {\n    auditEntries(organizationId: $organizationId, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        at\n        actorUsername\n        action\n        targetType\n        targetId\n        before\n        after\n        ip\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Captcha {\n    captcha {\n      id\n      image\n    }\n  }\n"): (typeof documents)["\n  query Captcha {\n    captcha {\n      id\n      image\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on AccountLocked {\n        lockedUntil\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on AccountLocked {\n        lockedUntil\n      }\n      ... on UserError {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) {\n      __typename\n      ... on ChangePasswordSuccess {\n        viewer {\n          ...SessionViewer\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionViewer on Viewer {\n    id\n    username\n    displayName\n    role\n    mustChangePassword\n    permissions\n    organization {\n      id\n      name\n      tier\n    }\n  }\n"): (typeof documents)["\n  fragment SessionViewer on Viewer {\n    id\n    username\n    displayName\n    role\n    mustChangePassword\n    permissions\n    organization {\n      id\n      name\n      tier\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    me {\n      ...SessionViewer\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    me {\n      ...SessionViewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditableEnterprise on Enterprise {\n    id\n    name\n    creditCode\n    address\n    version\n  }\n"): (typeof documents)["\n  fragment EditableEnterprise on Enterprise {\n    id\n    name\n    creditCode\n    address\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEnterprise($input: EnterpriseInput!) {\n    createEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateEnterprise($input: EnterpriseInput!) {\n    createEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEnterprise($input: UpdateEnterpriseInput!) {\n    updateEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEnterprise($input: UpdateEnterpriseInput!) {\n    updateEnterprise(input: $input) {\n      __typename\n      ... on EnterprisePayload {\n        enterprise {\n          id\n          ...EditableEnterprise\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreshEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      ...EditableEnterprise\n    }\n  }\n"): (typeof documents)["\n  query FreshEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      ...EditableEnterprise\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickableEnterprises($organizationId: ID, $search: String) {\n    enterprises(organizationId: $organizationId, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        creditCode\n      }\n    }\n  }\n"): (typeof documents)["\n  query PickableEnterprises($organizationId: ID, $search: String) {\n    enterprises(organizationId: $organizationId, search: $search, pageSize: 20) {\n      nodes {\n        id\n        name\n        creditCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PickedEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      creditCode\n    }\n  }\n"): (typeof documents)["\n  query PickedEnterprise($id: ID!) {\n    enterprise(id: $id) {\n      id\n      name\n      creditCode\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Enterprises($organizationId: ID, $search: String, $sort: EnterpriseSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    enterprises(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        creditCode\n        address\n        ...EditableEnterprise\n      }\n    }\n  }\n"): (typeof documents)["\n  query Enterprises($organizationId: ID, $search: String, $sort: EnterpriseSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    enterprises(organizationId: $organizationId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        creditCode\n        address\n        ...EditableEnterprise\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberImportView on MemberImport {\n    id\n    status\n    availableEvents\n    progress\n    refusal\n    newCount\n    updateCount\n    unchangedCount\n    invalidCount\n    unknownColumns\n    errors {\n      rowNo\n      column\n      message\n    }\n    result {\n      inserted\n      updated\n      unchanged\n      skipped {\n        rowNo\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MemberImportView on MemberImport {\n    id\n    status\n    availableEvents\n    progress\n    refusal\n    newCount\n    updateCount\n    unchangedCount\n    invalidCount\n    unknownColumns\n    errors {\n      rowNo\n      column\n      message\n    }\n    result {\n      inserted\n      updated\n      unchanged\n      skipped {\n        rowNo\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberImport($id: ID!) {\n    memberImport(id: $id) {\n      id\n      ...MemberImportView\n    }\n  }\n"): (typeof documents)["\n  query MemberImport($id: ID!) {\n    memberImport(id: $id) {\n      id\n      ...MemberImportView\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CommitMemberImport($id: ID!, $allOrNothing: Boolean!) {\n    commitMemberImport(id: $id, allOrNothing: $allOrNothing) {\n      __typename\n      ... on MemberImportPayload {\n        memberImport {\n          id\n          ...MemberImportView\n        }\n      }\n      ... on UserError {\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CommitMemberImport($id: ID!, $allOrNothing: Boolean!) {\n    commitMemberImport(id: $id, allOrNothing: $allOrNothing) {\n      __typename\n      ... on MemberImportPayload {\n        memberImport {\n          id\n          ...MemberImportView\n        }\n      }\n      ... on UserError {\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LifeStatusMember on Member {\n    id\n    name\n    version\n    lifeStatus\n  }\n"): (typeof documents)["\n  fragment LifeStatusMember on Member {\n    id\n    name\n    version\n    lifeStatus\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetMemberLifeStatus($input: SetMemberLifeStatusInput!) {\n    setMemberLifeStatus(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          lifeStatus\n          lifeStatusDate\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetMemberLifeStatus($input: SetMemberLifeStatusInput!) {\n    setMemberLifeStatus(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          lifeStatus\n          lifeStatusDate\n          version\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreshLifeStatusMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...LifeStatusMember\n    }\n  }\n"): (typeof documents)["\n  query FreshLifeStatusMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...LifeStatusMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberFacts on Member {\n    memberNo\n    name\n    gender\n    birthDate\n    idType\n    idNumberMasked\n    idExpiry\n    idExpiryLongTerm\n    mobileMasked\n    workAddress\n    category\n    lifeStatus\n    lifeStatusDate\n    femalePostType\n    joinedAt\n    needsConfirmation\n    ecardActivatedAt\n    enterprise {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment MemberFacts on Member {\n    memberNo\n    name\n    gender\n    birthDate\n    idType\n    idNumberMasked\n    idExpiry\n    idExpiryLongTerm\n    mobileMasked\n    workAddress\n    category\n    lifeStatus\n    lifeStatusDate\n    femalePostType\n    joinedAt\n    needsConfirmation\n    ecardActivatedAt\n    enterprise {\n      id\n      name\n    }\n    organization {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditableMember on Member {\n    id\n    memberNo\n    version\n    name\n    idType\n    gender\n    femalePostType\n    idExpiry\n    idExpiryLongTerm\n    workAddress\n    category\n    joinedAt\n    enterprise {\n      id\n    }\n    organization {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment EditableMember on Member {\n    id\n    memberNo\n    version\n    name\n    idType\n    gender\n    femalePostType\n    idExpiry\n    idExpiryLongTerm\n    workAddress\n    category\n    joinedAt\n    enterprise {\n      id\n    }\n    organization {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMember($input: MemberInput!) {\n    createMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMember($input: MemberInput!) {\n    createMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMember($input: UpdateMemberInput!) {\n    updateMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          name\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreshEditableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...EditableMember\n    }\n  }\n"): (typeof documents)["\n  query FreshEditableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...EditableMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevealEditedMember($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n"): (typeof documents)["\n  mutation RevealEditedMember($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members(\n    $organizationId: ID\n    $enterpriseId: ID\n    $category: MemberCategory\n    $lifeStatus: LifeStatus\n    $needsConfirmation: Boolean\n    $search: String\n    $sort: MemberSort\n    $direction: SortDirection\n    $page: Int!\n    $pageSize: Int!\n  ) {\n    members(\n      organizationId: $organizationId\n      enterpriseId: $enterpriseId\n      category: $category\n      lifeStatus: $lifeStatus\n      needsConfirmation: $needsConfirmation\n      search: $search\n      sort: $sort\n      direction: $direction\n      page: $page\n      pageSize: $pageSize\n    ) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        memberNo\n        name\n        gender\n        idType\n        idNumberMasked\n        mobileMasked\n        category\n        lifeStatus\n        joinedAt\n        needsConfirmation\n        enterprise {\n          id\n          name\n        }\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Members(\n    $organizationId: ID\n    $enterpriseId: ID\n    $category: MemberCategory\n    $lifeStatus: LifeStatus\n    $needsConfirmation: Boolean\n    $search: String\n    $sort: MemberSort\n    $direction: SortDirection\n    $page: Int!\n    $pageSize: Int!\n  ) {\n    members(\n      organizationId: $organizationId\n      enterpriseId: $enterpriseId\n      category: $category\n      lifeStatus: $lifeStatus\n      needsConfirmation: $needsConfirmation\n      search: $search\n      sort: $sort\n      direction: $direction\n      page: $page\n      pageSize: $pageSize\n    ) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        memberNo\n        name\n        gender\n        idType\n        idNumberMasked\n        mobileMasked\n        category\n        lifeStatus\n        joinedAt\n        needsConfirmation\n        enterprise {\n          id\n          name\n        }\n        organization {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TransferableMember on Member {\n    id\n    name\n    version\n    organization {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment TransferableMember on Member {\n    id\n    name\n    version\n    organization {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferMember($input: TransferMemberInput!) {\n    transferMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          version\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TransferMember($input: TransferMemberInput!) {\n    transferMember(input: $input) {\n      __typename\n      ... on MemberPayload {\n        member {\n          id\n          version\n          organization {\n            id\n            name\n          }\n        }\n      }\n      ... on ErrorResult {\n        code\n        message\n      }\n      ... on UserError {\n        field\n      }\n      ... on VersionConflict {\n        currentVersion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FreshTransferableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...TransferableMember\n    }\n  }\n"): (typeof documents)["\n  query FreshTransferableMember($id: ID!) {\n    member(id: $id) {\n      id\n      ...TransferableMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberDetail($id: ID!) {\n    member(id: $id) {\n      id\n      name\n      lifeStatus\n      organization {\n        id\n      }\n      ...MemberFacts\n      ...EditableMember\n      ...LifeStatusMember\n      ...TransferableMember\n    }\n  }\n"): (typeof documents)["\n  query MemberDetail($id: ID!) {\n    member(id: $id) {\n      id\n      name\n      lifeStatus\n      organization {\n        id\n      }\n      ...MemberFacts\n      ...EditableMember\n      ...LifeStatusMember\n      ...TransferableMember\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevealMemberPersonalData($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n"): (typeof documents)["\n  mutation RevealMemberPersonalData($id: ID!) {\n    revealMemberPersonalData(id: $id) {\n      idNumber\n      mobile\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Messages($pageSize: Int!) {\n    messages(pageSize: $pageSize) {\n      unreadCount\n      nodes {\n        id\n        text\n        createdAt\n        readAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Messages($pageSize: Int!) {\n    messages(pageSize: $pageSize) {\n      unreadCount\n      nodes {\n        id\n        text\n        createdAt\n        readAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkMessagesRead($ids: [ID!]!) {\n    markMessagesRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n"): (typeof documents)["\n  mutation MarkMessagesRead($ids: [ID!]!) {\n    markMessagesRead(ids: $ids) {\n      id\n      readAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChildOrganizations($parentId: ID!, $search: String, $sort: OrganizationSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    organizations(parentId: $parentId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        tier\n        grassrootsCount\n        accountCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChildOrganizations($parentId: ID!, $search: String, $sort: OrganizationSort, $direction: SortDirection, $page: Int!, $pageSize: Int!) {\n    organizations(parentId: $parentId, search: $search, sort: $sort, direction: $direction, page: $page, pageSize: $pageSize) {\n      totalCount\n      pageInfo {\n        page\n        pageSize\n        pageCount\n      }\n      nodes {\n        id\n        name\n        tier\n        grassrootsCount\n        accountCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CreateOrganizationParent on Organization {\n    id\n    name\n    tier\n  }\n"): (typeof documents)["\n  fragment CreateOrganizationParent on Organization {\n    id\n    name\n    tier\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      __typename\n      ... on OrganizationPayload {\n        organization {\n          id\n          name\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      __typename\n      ... on OrganizationPayload {\n        organization {\n          id\n          name\n        }\n      }\n      ... on UserError {\n        field\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrganizationName($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query OrganizationName($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrganizationSummary on Organization {\n    id\n    name\n    tier\n    creditCode\n    grassrootsCount\n    accountCount\n  }\n"): (typeof documents)["\n  fragment OrganizationSummary on Organization {\n    id\n    name\n    tier\n    creditCode\n    grassrootsCount\n    accountCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      tier\n      childCount\n      ...OrganizationSummary\n      ...CreateOrganizationParent\n    }\n  }\n"): (typeof documents)["\n  query HomeOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      tier\n      childCount\n      ...OrganizationSummary\n      ...CreateOrganizationParent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workbench($organizationId: ID, $from: String, $to: String) {\n    workbench(organizationId: $organizationId, from: $from, to: $to) {\n      today\n      from\n      to\n      memberCount\n      activeMemberCount\n      grassrootsCount\n      enterpriseCount\n      newToday\n      newThisWeek\n      newThisMonth\n      newInRange\n      ecardActivationsInRange\n      daily {\n        date\n        newMembers\n        ecardActivations\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workbench($organizationId: ID, $from: String, $to: String) {\n    workbench(organizationId: $organizationId, from: $from, to: $to) {\n      today\n      from\n      to\n      memberCount\n      activeMemberCount\n      grassrootsCount\n      enterpriseCount\n      newToday\n      newThisWeek\n      newThisMonth\n      newInRange\n      ecardActivationsInRange\n      daily {\n        date\n        newMembers\n        ecardActivations\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;