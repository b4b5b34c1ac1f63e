import { useId, useState, type FormEvent, type ReactNode } from 'react';

export interface Credentials {
  email: string;
  password: string;
}

interface AuthFormProps {
  title: string;
  submitLabel: string;
  busyLabel: string;
  passwordAutoComplete: 'current-password' | 'new-password';
  busy: boolean;
  error: string | null;
  onSubmit: (credentials: Credentials) => void;
  footer: ReactNode;
}

/** The email + password card shared by the log-in and sign-up pages. */
export function AuthForm(props: AuthFormProps) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSubmit({ email: email.trim(), password });
  }

  return (
    <main className="page">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{props.title}</h1>
        <form onSubmit={handleSubmit} aria-busy={props.busy}>
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete={props.passwordAutoComplete}
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          {props.error && (
            <p className="error" role="alert">
              {props.error}
            </p>
          )}
          <button type="submit" disabled={props.busy}>
            {props.busy ? props.busyLabel : props.submitLabel}
          </button>
        </form>
        <p className="muted">{props.footer}</p>
      </section>
    </main>
  );
}
