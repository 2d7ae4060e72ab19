import type { Account, Idp } from '@cloud-login/core';

/** The element's states; `render()` is a switch over `name`. */
export type SecurityStep =
  | { name: 'loading' }
  | { name: 'signed-out' }
  | { name: 'failed'; message: string }
  | { name: 'overview'; account: Account }
  /** "Bind WeChat": `ticket` once the popup handed one back (kept while the proof is asked for). */
  | { name: 'bind'; account: Account; idp: Idp; ticket?: string | undefined }
  /** "Unbind WeChat?" */
  | { name: 'unbind'; account: Account; idp: Idp }
  /** Set or change the password; `thenUnbind` when it was asked for by an unbind. */
  | { name: 'password'; account: Account; thenUnbind?: Idp | undefined }
  | { name: 'email'; account: Account }
  | { name: 'email-sent'; account: Account; email: string }
  | { name: 'upgrade'; account: Account }
  /** An account name chosen in place of a generated one (002). */
  | { name: 'rename'; account: Account };
