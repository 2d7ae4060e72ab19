import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fill } from './support/play.ts';
import { acceptAgreements, anyError, fillPhone, submit } from './support/flows.ts';
import { PHONES } from './support/fake-backend.ts';
import { done, phoneStep, registerMeta, root, stepWith, type RegisterArgs } from './support/register.ts';

/** Registration on the phone-first presets: JD Cloud classic and QingCloud. */
const meta = {
  title: 'Flows/cloud-register/Phone first',
  component: 'cloud-register',
  ...registerMeta,
} satisfies Meta<RegisterArgs>;
export default meta;
type Story = StoryObj<RegisterArgs>;

// --- JD Cloud classic ------------------------------------------------------------------------

async function classicPhone(canvas: HTMLElement) {
  const form = await root(canvas);
  await phoneStep(form, PHONES.hongKong);
  await stepWith(form, 'input#accountName');
  return form;
}

async function classicCredentials(canvas: HTMLElement) {
  const form = await classicPhone(canvas);
  await fill(form, 'input#accountName', 'classic-new');
  await fill(form, 'cloud-password-field', 'abc12345');
  await submit(form);
  await stepWith(form, 'input#recommendationCode');
  return form;
}

export const ClassicCodeSent: Story = {
  name: 'JD classic: Hong Kong number, code sent',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.hongKong, { code: '', agree: false, send: false });
  },
};

export const ClassicCredentials: Story = {
  name: 'JD classic: name and password (two kinds recommended)',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicPhone(canvasElement);
    await fill(form, 'cloud-password-field', 'abcdefg');
  },
};

export const ClassicEnableService: Story = {
  name: 'JD classic: enable service (contact phone prefilled)',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    await classicCredentials(canvasElement);
  },
};

export const ClassicEnableServiceErrors: Story = {
  name: 'JD classic: enable service, errors',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicCredentials(canvasElement);
    await fill(form, 'input#contactEmail', 'nope');
    await fill(form, 'input#recommendationCode', 'no spaces!');
    await submit(form);
    await anyError(form);
  },
};

export const ClassicDone: Story = {
  name: 'JD classic: signed in',
  args: { provider: 'jdcloud-classic' },
  play: async ({ canvasElement }) => {
    const form = await classicCredentials(canvasElement);
    await fill(form, 'input#recommendationCode', 'SALES-042');
    await submit(form);
    await done(canvasElement);
  },
};

// --- QingCloud -------------------------------------------------------------------------------

export const QingCodeSent: Story = {
  name: 'QingCloud: code sent',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh, { code: '', send: false });
  },
};

export const QingRegionError: Story = {
  name: 'QingCloud: error, phone outside the mainland',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await fillPhone(form, PHONES.hongKong);
    await submit(form);
    await anyError(form);
  },
};

export const QingWrongCode: Story = {
  name: 'QingCloud: error, wrong code at its own step',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    // The code is proven before the password step (POST /codes/verify): the person stays here.
    await phoneStep(form, PHONES.fresh, { code: '654321' });
    await anyError(form);
  },
};

export const QingPassword: Story = {
  name: 'QingCloud: password and agreements',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await stepWith(form, 'cloud-password-field');
  },
};

export const QingDone: Story = {
  name: 'QingCloud: signed in',
  args: { provider: 'qingcloud' },
  play: async ({ canvasElement }) => {
    const form = await root(canvasElement);
    await phoneStep(form, PHONES.fresh);
    await fill(
      await stepWith(form, 'cloud-password-field').then(() => form),
      'cloud-password-field',
      'qing2024pass',
    );
    await acceptAgreements(form);
    await submit(form);
    await done(canvasElement);
  },
};
