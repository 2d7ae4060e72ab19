import type {
  Account,
  AccountField,
  CreateAccountRequest,
  Preset,
  RegistrationFlow,
  Session,
} from '@cloud-login/core';
import type { FieldValues } from '../../form/account-fields.ts';

/** The registration flow's states; `render()` is a switch over `name`. */
export type RegisterStep =
  /** One of the preset's pre-account steps (`registration[method].steps[index]`). */
  | { name: 'form'; method: string; index: number }
  /** Tencent: the account waits for its activation link. */
  | { name: 'activation-sent'; method: string; email: string }
  /** Tencent: the steps after activation, answered through `POST /continue`. */
  | { name: 'after-activation'; method: string; index: number; ticket: string; secret: string }
  /** JD: the skippable security-email step, signed in already. */
  | { name: 'security-email'; account: Account; session: Session }
  | { name: 'security-email-sent'; account: Account; session: Session; email: string }
  | { name: 'done'; account: Account; session: Session };

/** The step id `cloud-step-change` names: the preset's id of a form step, else the state's name. */
export function stepId(step: RegisterStep, flow: RegistrationFlow | undefined): string {
  switch (step.name) {
    case 'form':
      return flow?.steps[step.index]?.id ?? '';
    case 'after-activation':
      return flow?.afterActivation[step.index]?.id ?? '';
    default:
      return step.name;
  }
}

/** Where "back" goes from `step`, if anywhere. */
export function previousStep(step: RegisterStep): RegisterStep | undefined {
  switch (step.name) {
    case 'form':
      return step.index > 0 ? { ...step, index: step.index - 1 } : undefined;
    case 'after-activation':
      return step.index > 0
        ? { ...step, index: step.index - 1 }
        : { name: 'form', method: step.method, index: 0 };
    case 'activation-sent':
      return { name: 'form', method: step.method, index: 0 };
    case 'security-email-sent':
      return { name: 'security-email', account: step.account, session: step.session };
    default:
      return undefined;
  }
}

/** The body of `POST /accounts`: the values of the flow's pre-account steps. */
export function createAccountBody(
  flow: RegistrationFlow,
  values: FieldValues,
  preset: Preset,
): CreateAccountRequest {
  const body: CreateAccountRequest = {};
  for (const step of flow.steps) {
    for (const field of step.fields) {
      if (field === 'agreements') {
        body.agreements = preset.agreements.map((a) => a.id);
        continue;
      }
      const value = values[field]?.trim();
      // Passwords go as typed; everything else trimmed, and empty optional fields left out.
      if (field === 'password') body.password = values.password ?? '';
      else if (value) body[field] = value;
    }
  }
  // The activation link brings the user back here (this page, without any fragment).
  if (flow.activation === 'email-link') body.returnTo = location.href.split('#')[0]!;
  return body;
}

/**
 * Where a refusal of `POST /accounts` belongs: the first pre-account step that shows one of the
 * fields it names (`index` -1: none), the errors of those fields, and what the form itself says.
 */
export function placeRefusal(
  fields: Record<string, string>,
  flow: RegistrationFlow,
  preset: Preset,
): { index: number; errors: Partial<Record<AccountField, string>>; formError: string } {
  const errors = { ...fields };
  // A field the page does not show (a site may leave the agreements out while its server still
  // wants them) cannot carry its error: the form says it instead.
  let formError = '';
  if (errors.agreements && preset.agreements.length === 0) {
    formError = errors.agreements;
    delete errors.agreements;
  }
  const names = Object.keys(errors);
  const index = flow.steps.findIndex((s) => s.fields.some((f) => names.includes(f)));
  return { index, errors: errors as Partial<Record<AccountField, string>>, formError };
}
