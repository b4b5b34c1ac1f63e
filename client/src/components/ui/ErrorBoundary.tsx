import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from './Button';

interface State {
  error: Error | null;
}

/** Catches a page that failed to render or to load (a stale chunk after a deploy). */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    // Navigating elsewhere gives the next page a fresh start.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="mx-auto mt-10 max-w-md rounded-2xl border border-white/70 bg-white/80 p-6 text-center shadow-lg backdrop-blur-xl"
      >
        <p className="text-base font-semibold text-slate-900">This page could not be shown.</p>
        <p className="mt-1 text-sm text-slate-600">
          Reload to get the latest version of Salesdesk. If it keeps happening, tell us what you
          were doing.
        </p>
        <Button className="mt-4" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    );
  }
}
