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
  email = signal<string | undefined>(undefined);
  signedIn(event: Event) {
    const { detail } = event as CloudLoginSuccessEvent;
    event.preventDefault();
    this.email.set(detail.account.email);
  }
}
