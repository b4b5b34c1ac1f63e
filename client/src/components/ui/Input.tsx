import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { cx } from './cx';

interface FieldProps {
  /** Every input has a visible label (or a screen-reader one with hideLabel) */
  label: string;
  hideLabel?: boolean;
  /** Help text under the field */
  hint?: ReactNode;
  /** Validation message: marks the field invalid and is announced */
  error?: string | null;
  /** Classes for the wrapper (label + field + messages) */
  wrapperClassName?: string;
}

const FIELD =
  'block w-full rounded-xl border bg-white/90 px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 ' +
  'focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none focus:border-indigo-500 ' +
  'disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-600';

function fieldClass(error: string | null | undefined, className?: string): string {
  return cx(FIELD, error ? 'border-rose-500' : 'border-slate-300', className);
}

interface FieldShellProps extends FieldProps {
  id: string;
  required?: boolean;
  children: ReactNode;
}

function FieldShell({
  id,
  label,
  hideLabel,
  hint,
  error,
  wrapperClassName,
  required,
  children,
}: FieldShellProps) {
  return (
    <div className={cx('grid gap-1.5', wrapperClassName)}>
      <label
        htmlFor={id}
        className={cx(
          hideLabel ? 'sr-only' : 'text-sm font-medium text-slate-800',
          // A pseudo-element, so the label's text (its accessible name) stays the plain label.
          required && !hideLabel && "after:ml-0.5 after:text-rose-700 after:content-['*']",
        )}
      >
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs font-medium text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: ReactNode, error: string | null | undefined) {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export interface InputProps extends InputHTMLAttributes<HTMLInputElement>, FieldProps {
  ref?: Ref<HTMLInputElement>;
}

export function Input({
  label,
  hideLabel,
  hint,
  error,
  wrapperClassName,
  className,
  id,
  ...rest
}: InputProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell
      {...{ id: inputId, label, hideLabel, hint, error, wrapperClassName }}
      required={rest.required}
    >
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        className={fieldClass(error, className)}
        {...rest}
      />
    </FieldShell>
  );
}

export interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement>, FieldProps {
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextArea({
  label,
  hideLabel,
  hint,
  error,
  wrapperClassName,
  className,
  id,
  rows = 4,
  ...rest
}: TextAreaProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell
      {...{ id: inputId, label, hideLabel, hint, error, wrapperClassName }}
      required={rest.required}
    >
      <textarea
        id={inputId}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        className={fieldClass(error, cx('resize-y', className))}
        {...rest}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement>, FieldProps {
  /** The choices; or pass <option> children */
  options?: SelectOption[];
  ref?: Ref<HTMLSelectElement>;
}

export function Select({
  label,
  hideLabel,
  hint,
  error,
  wrapperClassName,
  className,
  id,
  options,
  children,
  ...rest
}: SelectProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  return (
    <FieldShell
      {...{ id: inputId, label, hideLabel, hint, error, wrapperClassName }}
      required={rest.required}
    >
      <select
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, hint, error)}
        className={fieldClass(error, cx('pr-8', className))}
        {...rest}
      >
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </FieldShell>
  );
}
