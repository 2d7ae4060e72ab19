/**
 * The contact details a preset collects (001's enable-service step: contact phone, contact email),
 * read from its registration steps and its first-login form, so that the server's
 * `PATCH /account/contact` and `<cloud-account-security>` offer the same fields with the same
 * requirement. A contact detail reaches the person; it is never a login identifier.
 */
import type { Preset, RegisterStep } from './schema.ts';

export type ContactField = 'contactPhone' | 'contactEmail';

/** The preset's contact fields in display order, each required where any step requires it. */
export function contactFields(preset: Preset): { field: ContactField; required: boolean }[] {
  const steps: RegisterStep[] = [
    ...Object.values(preset.registration).flatMap((flow) => [
      ...(flow?.steps ?? []),
      ...(flow?.afterActivation ?? []),
    ]),
    ...(preset.firstLogin ? [preset.firstLogin.create] : []),
  ];
  return (['contactPhone', 'contactEmail'] as const).flatMap((field) => {
    const asking = steps.filter((step) => step.fields.includes(field));
    if (asking.length === 0) return [];
    return [{ field, required: asking.some((step) => !(step.optional ?? []).includes(field)) }];
  });
}
