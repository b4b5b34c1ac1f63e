import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Backdrop, Button, Input, Logo } from './ui';
import { CheckIcon } from './ui/icons';

export interface Credentials {
  email: string;
  password: string;
}

interface AuthFormProps {
  title: string;
  subtitle?: string;
  submitLabel: string;
  busyLabel: string;
  passwordAutoComplete: 'current-password' | 'new-password';
  passwordHint?: string;
  busy: boolean;
  error: string | null;
  onSubmit: (credentials: Credentials) => void;
  footer: ReactNode;
}

const POINTS = [
  'Answers Messenger, Instagram and WhatsApp in seconds',
  'Qualifies leads and handles objections from your playbook',
  'Every chat, sale and lead score live on your dashboard',
];

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
    <Backdrop>
      <main className="mx-auto grid min-h-screen max-w-6xl items-center gap-10 px-4 py-10 lg:grid-cols-2 lg:px-8">
        <div className="hidden lg:block">
          <Logo />
          <p className="mt-8 text-4xl leading-tight font-bold tracking-tight text-slate-900">
            Your AI sales desk,{' '}
            <span className="bg-gradient-to-r from-indigo-700 to-fuchsia-700 bg-clip-text text-transparent">
              open around the clock.
            </span>
          </p>
          <ul className="mt-8 grid gap-3">
            {POINTS.map((point) => (
              <li key={point} className="flex items-start gap-3 text-slate-700">
                <span className="mt-0.5 rounded-full bg-indigo-100 p-1 text-indigo-700">
                  <CheckIcon className="h-4 w-4" />
                </span>
                {point}
              </li>
            ))}
          </ul>
        </div>
        <section
          className="mx-auto w-full max-w-md rounded-3xl border border-white/70 bg-white/80 p-6 shadow-xl shadow-indigo-900/10 backdrop-blur-xl sm:p-8"
          aria-labelledby={`${id}-title`}
        >
          <div className="mb-6 lg:hidden">
            <Logo />
          </div>
          <h1 id={`${id}-title`} className="text-2xl font-bold tracking-tight text-slate-900">
            {props.title}
          </h1>
          {props.subtitle && <p className="mt-1 text-sm text-slate-600">{props.subtitle}</p>}
          <form onSubmit={handleSubmit} aria-busy={props.busy} className="mt-6 grid gap-4">
            <Input
              id={`${id}-email`}
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <Input
              id={`${id}-password`}
              label="Password"
              type="password"
              autoComplete={props.passwordAutoComplete}
              required
              hint={props.passwordHint}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            {props.error && (
              <p
                className="rounded-xl border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
                role="alert"
              >
                {props.error}
              </p>
            )}
            <Button type="submit" loading={props.busy} className="w-full">
              {props.busy ? props.busyLabel : props.submitLabel}
            </Button>
          </form>
          <p className="mt-6 text-center text-sm text-slate-600">{props.footer}</p>
        </section>
      </main>
    </Backdrop>
  );
}
