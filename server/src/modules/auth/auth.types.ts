import { Field, ID, InputType, ObjectType, createUnionType } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { ErrorResult, UserError } from '../../common/errors/error-result.js';
import { Permission } from '../../auth/permissions.js';
import { Role } from '../../auth/role.js';
import { MAX_PASSWORD_LENGTH } from '../../auth/password.js';
import { PlainText } from '../../common/text/input-text.js';

@ObjectType('Viewer', { description: 'The logged-in account' })
export class ViewerType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  username!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Boolean, { description: 'After a reset: every operation but changePassword and logout is refused' })
  mustChangePassword!: boolean;

  @Field(() => [Permission])
  permissions!: Permission[];

  organizationId!: number;
}

@ObjectType('Captcha')
export class CaptchaType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'SVG markup' })
  image!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

@ObjectType({ implements: ErrorResult })
export class AccountLocked extends ErrorResult {
  @Field(() => Date)
  lockedUntil!: Date;
}

@ObjectType()
export class LoginSuccess {
  @Field(() => ViewerType)
  viewer!: ViewerType;
}

export const LoginResult = createUnionType({
  name: 'LoginResult',
  types: () => [LoginSuccess, UserError, AccountLocked] as const,
});

@ObjectType()
export class ChangePasswordSuccess {
  @Field(() => ViewerType)
  viewer!: ViewerType;
}

export const ChangePasswordResult = createUnionType({
  name: 'ChangePasswordResult',
  types: () => [ChangePasswordSuccess, UserError] as const,
});

@InputType()
export class LoginInput {
  @Field(() => String)
  @PlainText('username: looked up as typed')
  @MaxLength(64)
  username!: string;

  @Field(() => String)
  @PlainText('password: every character counts')
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;

  @Field(() => String, { description: 'Any value when the captcha is switched off' })
  @PlainText('captcha id: looked up')
  @MaxLength(64)
  captchaId!: string;

  @Field(() => String)
  @PlainText('captcha answer: compared')
  @MaxLength(16)
  captchaAnswer!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  @PlainText('password: every character counts')
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword!: string;

  @Field(() => String)
  @PlainText('password: every character counts')
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword!: string;
}
