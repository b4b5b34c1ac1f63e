import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

/** True for the IANA zones this runtime knows (and 'UTC'). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

@ValidatorConstraint({ name: 'isTimeZone' })
export class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }
  defaultMessage(): string {
    return 'Use an IANA time zone such as Europe/Paris, America/New_York or UTC.';
  }
}

export const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * HH:mm strings compare correctly as text, so open < close is a string comparison.
 * A malformed open time is reported on `open` alone.
 */
@ValidatorConstraint({ name: 'closeAfterOpen' })
export class CloseAfterOpen implements ValidatorConstraintInterface {
  validate(close: unknown, args: ValidationArguments): boolean {
    const open = (args.object as { open?: unknown }).open;
    if (typeof open !== 'string' || !HH_MM.test(open)) return true;
    return typeof close === 'string' && open < close;
  }
  defaultMessage(): string {
    return 'The closing time must be after the opening time.';
  }
}
