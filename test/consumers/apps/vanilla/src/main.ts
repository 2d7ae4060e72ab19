import '@cloud-login/elements';

const login = document.querySelector('cloud-login')!;
login.addEventListener('cloud-login-success', (event) => {
  event.preventDefault(); // stay here instead of following `return-to`
  document.querySelector('#status')!.textContent = `Signed in as ${event.detail.account.email}`;
});
