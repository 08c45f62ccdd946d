export type Lang = 'zh-CN' | 'en';

/** Server-side messages for clerks, in both UI languages. Keys are stable; texts may change. */
const ZH_CN = {
  unauthenticated: '登录已失效，请重新登录',
  forbidden: '没有权限执行此操作',
  notFound: '未找到该记录',
  conflict: '数据已被他人修改，请刷新后重试',
  passwordChangeRequired: '请先修改密码',
  internal: '系统繁忙，请稍后再试（请求编号 {requestId}）',
  rateLimited: '操作过于频繁，请稍后再试',
  badInput: '输入有误：{detail}',
  pageTooLarge: '每页最多 {max} 条',
  badCursor: '分页参数无效',
  wrongCredentials: '用户名或密码错误',
  captchaInvalid: '验证码错误或已过期，请重新输入',
  accountLocked: '登录失败次数过多，账号已锁定，将于 {time} 解锁',
  wrongCurrentPassword: '当前密码不正确',
  weakPassword: '新密码至少 {min} 位，且须包含字母和数字，不能与用户名相同',
  samePassword: '新密码不能与当前密码相同',
  usernameTaken: '用户名已存在',
  usernameFormat: '用户名须为 3-32 位字母、数字、点、下划线或连字符',
  cannotDisableSelf: '不能停用自己的账号',
  resetOnlyBelow: '只能重置下级单位账号的密码',
  creditCode: '统一社会信用代码无效（应为18位，校验位正确）',
  creditCodeRequired: '基层工会须填写统一社会信用代码',
  creditCodeTaken: '该统一社会信用代码已被其他组织使用',
  orgNameTaken: '上级组织下已有同名组织',
  enterpriseName: '企业名称至少 2 个字',
  enterpriseCreditCodeTaken: '该统一社会信用代码的企业已登记（可能属于其他工会）',
  enterpriseNameTaken: '本工会已有同名关联企业',
  orgName: '组织名称须为 2-100 个字符',
  tierNotAllowed: '{parent}下不能设立该层级的组织',
} as const;

export type MessageKey = keyof typeof ZH_CN;

/** Typed against the Chinese catalog, so a key missing in English does not compile. */
const EN: Record<MessageKey, string> = {
  unauthenticated: 'Your session has ended. Please log in again.',
  forbidden: 'You are not allowed to do this.',
  notFound: 'Not found.',
  conflict: 'Someone else changed this record. Refresh and try again.',
  passwordChangeRequired: 'Please change your password first.',
  internal: 'Something went wrong. Please try again later (request {requestId}).',
  rateLimited: 'Too many requests. Please wait and try again.',
  badInput: 'Invalid input: {detail}',
  pageTooLarge: 'At most {max} rows per page.',
  badCursor: 'Invalid paging cursor.',
  wrongCredentials: 'Wrong username or password.',
  captchaInvalid: 'The captcha is wrong or has expired. Please try again.',
  accountLocked: 'Too many failed logins. The account is locked until {time}.',
  wrongCurrentPassword: 'The current password is not correct.',
  weakPassword: 'The new password needs at least {min} characters with letters and digits, and must differ from the username.',
  samePassword: 'The new password must differ from the current one.',
  usernameTaken: 'This username is already taken.',
  usernameFormat: 'A username has 3-32 letters, digits, dots, underscores or hyphens.',
  cannotDisableSelf: 'You cannot disable your own account.',
  resetOnlyBelow: 'You can only reset passwords of accounts in organizations below yours.',
  creditCode: 'Invalid unified social credit code (18 characters with a valid check character).',
  creditCodeRequired: 'A grassroots union needs its unified social credit code.',
  creditCodeTaken: 'Another organization already uses this credit code.',
  orgNameTaken: 'The parent already has an organization of this name.',
  enterpriseName: 'An enterprise name has at least 2 characters.',
  enterpriseCreditCodeTaken: 'An enterprise with this credit code is already registered (possibly by another union).',
  enterpriseNameTaken: 'Your union already has an enterprise of this name.',
  orgName: 'An organization name has 2-100 characters.',
  tierNotAllowed: 'This tier cannot be created under {parent}.',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': ZH_CN, en: EN };

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** zh-CN unless the client asked for English first. */
export function langFromHeader(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
