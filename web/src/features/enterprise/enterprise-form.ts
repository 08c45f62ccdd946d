import type { EnterpriseInput } from '../../gql/graphql';
import { CREDIT_CODE_LENGTH, normalizeCreditCode } from '../organization/new-organization';

export interface EnterpriseForm {
  name: string;
  creditCode: string;
  address: string;
}

export function emptyEnterpriseForm(): EnterpriseForm {
  return { name: '', creditCode: '', address: '' };
}

export function enterpriseFormFrom(enterprise: { name: string; creditCode: string; address?: string | null }): EnterpriseForm {
  return { name: enterprise.name, creditCode: enterprise.creditCode, address: enterprise.address ?? '' };
}

/**
 * The quick check before sending: an enterprise always has its 18-character
 * credit code. The check character is the server's to judge.
 */
export function enterpriseCreditCodeProblem(raw: string): 'required' | 'length' | null {
  const code = normalizeCreditCode(raw);
  if (code === '') return 'required';
  return code.length === CREDIT_CODE_LENGTH ? null : 'length';
}

/** Trimmed, the code upper-cased as the server stores it, an empty address sent as none. */
export function enterpriseInput(form: EnterpriseForm): EnterpriseInput {
  return { name: form.name.trim(), creditCode: normalizeCreditCode(form.creditCode), address: form.address.trim() || null };
}

/** The inputs a server UserError may point at. */
export const ENTERPRISE_FORM_FIELDS = ['name', 'creditCode', 'address'] as const;
export type EnterpriseFormField = (typeof ENTERPRISE_FORM_FIELDS)[number];
