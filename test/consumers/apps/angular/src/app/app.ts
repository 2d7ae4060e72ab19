import { Component } from '@angular/core';
import { LoginComponent } from './login.component';

@Component({
  selector: 'app-root',
  imports: [LoginComponent],
  template: `<app-login />`,
})
export class App {}
