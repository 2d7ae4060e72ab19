/**
 * "Register now" / "Log in" inside `<cloud-auth>`: shows the other flow's element in place of the
 * one that asked (the one already inside the wrapper, or a new one after it) and moves focus into it.
 */
export async function switchFlow(from: HTMLElement): Promise<void> {
  const tag = from.localName === 'cloud-login' ? 'cloud-register' : 'cloud-login';
  const auth = from.closest('cloud-auth');
  let to = auth?.querySelector<HTMLElement>(tag);
  if (!to) {
    to = document.createElement(tag);
    if (from.hasAttribute('theme')) to.setAttribute('theme', from.getAttribute('theme')!);
    from.after(to);
  }
  from.hidden = true;
  to.hidden = false;
  await customElements.whenDefined(tag);
  await (to as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  to.focus();
}
