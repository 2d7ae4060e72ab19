import { useState } from 'react';
import '@cloud-login/elements';
import type {} from '@cloud-login/elements/react';

export default function App() {
  const [email, setEmail] = useState<string>();
  if (email) return <p id="status">Signed in as {email}</p>;
  return (
    <cloud-login
      provider="default"
      api="https://auth.example.com/api/default"
      oncloud-login-success={(event) => {
        event.preventDefault(); // stay here instead of following `return-to`
        setEmail(event.detail.account.email);
      }}
    />
  );
}
