import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import '@cloud-login/elements';
import type { CloudLoginSuccessEvent } from '@cloud-login/elements';

@Component({
  selector: 'app-login',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    @if (email()) {
      <p>Signed in as {{ email() }}</p>
    } @else {
      <cloud-login provider="default" api="https://auth.example.com/api/default" (cloud-login-success)="signedIn($event)"></cloud-login>
    }
  `,
})
export class LoginComponent {
  protected readonly email = signal<string | undefined>(undefined);
  protected signedIn(event: CloudLoginSuccessEvent) {
    event.preventDefault(); // stay here instead of following `return-to`
    this.email.set(event.detail.account.email);
  }
}
