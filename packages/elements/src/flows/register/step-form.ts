/**
 * The views of registration's preset-driven steps: the register-method tabs and one step's form
 * (title, progress, intro, its fields from the shared field kit, submit and back), for the steps
 * before the account exists and those after Tencent's activation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  localText,
  type AccountField,
  type Locale,
  type Preset,
  type RegisterStep as PresetStep,
  type RegistrationFlow,
} from '@cloud-login/core';
import type { Translate } from '../../i18n/index.ts';

export interface MethodTabsView {
  t: Translate;
  methods: readonly string[];
  selected: string;
  onKeyDown: (event: KeyboardEvent) => void;
  select: (method: string) => void;
}

export function methodTabsView(o: MethodTabsView) {
  if (o.methods.length < 2) return nothing;
  return html`<div role="tablist" part="tabs" aria-label=${o.t('register.methods')} @keydown=${o.onKeyDown}>
    ${o.methods.map(
      (m) => html`<button
        type="button"
        role="tab"
        id=${`tab-${m}`}
        part="tab"
        aria-selected=${m === o.selected ? 'true' : 'false'}
        aria-controls="step-panel"
        tabindex=${m === o.selected ? 0 : -1}
        @click=${() => o.select(m)}
      >
        ${o.t(`registerMethod.${m}` as 'registerMethod.email')}
      </button>`,
    )}
  </div>`;
}

export interface StepFormView {
  t: Translate;
  preset: Preset;
  id: string;
  progress: string | undefined;
  intro: string | undefined;
  fields: PresetStep;
  submit: string;
  busy: boolean;
  formError: string;
  renderField: (field: AccountField, optional: boolean) => TemplateResult;
  onSubmit: (event: Event) => void;
  /** The back button's action, when the step has one. */
  back?: (() => void) | undefined;
  /** The id of the tab this form is the panel of, when there are tabs. */
  tabpanel?: string | undefined;
}

export function stepFormView(o: StepFormView) {
  const { t, busy } = o;
  const optional = new Set(o.fields.optional ?? []);
  const form = html`
    <form id="step-form" part="form" novalidate aria-labelledby="step-title" aria-busy=${busy ? 'true' : 'false'} @submit=${o.onSubmit}>
      <div>
        <h3 id="step-title" part="step-title" tabindex="-1">${stepTitle(t, o.id, o.fields, o.preset)}</h3>
        ${o.progress ? html`<p class="progress" part="progress">${o.progress}</p>` : nothing}
      </div>
      ${o.intro ? html`<p class="intro">${o.intro}</p>` : nothing}
      ${o.fields.fields.map((field) => o.renderField(field, optional.has(field)))}
      <p class="form-error" part="form-error" role="alert">${o.formError}</p>
      <div class="actions">
        <button type="submit" class="primary" part="submit" ?disabled=${busy}>${busy ? t('common.busy') : o.submit}</button>
        ${o.back ? html`<button type="button" class="link" part="back" ?disabled=${busy} @click=${o.back}>${t('action.back')}</button>` : nothing}
      </div>
    </form>
  `;
  return o.tabpanel
    ? html`<div id="step-panel" role="tabpanel" aria-labelledby=${o.tabpanel}>${form}</div>`
    : form;
}

/**
 * Titled by what the step asks for: Tencent's and default's credentials have no account name,
 * and a preset that calls the account name a user name says so (001).
 */
function stepTitle(t: Translate, id: string, step: PresetStep, preset: Preset): string {
  if (id === 'credentials' && !step.fields.includes('accountName')) {
    if (step.fields.includes('email')) return t('step.credentials.email');
    if (step.fields.includes('phone')) return t('step.phone');
  }
  if (id === 'credentials' && preset.accountNameLabel === 'userName') return t('step.credentials.userName');
  return t(`step.${id}` as 'step.phone');
}

/** What the step views need of `<cloud-register>`. */
export interface StepViews extends Pick<
  StepFormView,
  't' | 'busy' | 'formError' | 'renderField' | 'onSubmit'
> {
  preset: Preset;
  locale: Locale;
  methods: readonly string[];
  onKeyDown: (event: KeyboardEvent) => void;
  select: (method: string) => void;
  back: () => void;
}

/** A pre-account step of `flow` (the method tabs above its first step). */
export function formStepView(
  v: StepViews,
  flow: RegistrationFlow | undefined,
  step: { method: string; index: number },
) {
  const { t } = v;
  const current = flow?.steps[step.index];
  if (!flow || !current) return html`<p class="form-error" role="alert">${t('register.noMethods')}</p>`;
  const total = stepCount(flow);
  const last = step.index + 1 === flow.steps.length;
  const enable = current.id === 'enable-service';
  const tabs = step.index === 0;
  return html`
    ${tabs ? methodTabsView({ t, methods: v.methods, selected: step.method, onKeyDown: v.onKeyDown, select: v.select }) : nothing}
    ${stepFormView({
      ...v,
      id: current.id,
      fields: current,
      progress: total > 1 ? t('register.progress', { current: step.index + 1, total }) : undefined,
      intro: enable
        ? t('register.enableServiceIntro', { name: localText(v.preset.name, v.locale) })
        : undefined,
      // 001: "Click Submit, then you can enable JD Cloud service."
      submit: last ? t(enable ? 'action.submit' : 'action.register') : t('action.next'),
      back: step.index > 0 ? v.back : undefined,
      tabpanel: tabs && v.methods.length > 1 ? `tab-${step.method}` : undefined,
    })}
  `;
}

/** A step after Tencent's activation (no way back: the account exists). */
export function afterActivationView(v: StepViews, flow: RegistrationFlow, index: number) {
  const { t } = v;
  const current = flow.afterActivation[index]!;
  const total = stepCount(flow);
  const last = index + 1 === flow.afterActivation.length;
  return stepFormView({
    ...v,
    id: current.id,
    fields: current,
    progress: t('register.progress', { current: flow.steps.length + index + 1, total }),
    intro: t('flow.emailVerified'),
    submit: last ? t('action.completeRegistration') : t('action.next'),
    back: undefined,
  });
}

/** Every screen that asks something, JD Cloud's optional security email included: the count never runs short. */
export function stepCount(flow: RegistrationFlow): number {
  return flow.steps.length + flow.afterActivation.length + (flow.offerSecurityEmail ? 1 : 0);
}
