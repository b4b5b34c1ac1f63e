import { isURL, ValidateBy, type ValidationOptions } from 'class-validator';
import { urlOptions } from '../../graphql/inputRules';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** "leatherloft.shop" as owners type it, as the link it is: https://leatherloft.shop. */
export function withScheme(address: string): string {
  const trimmed = address.trim();
  return SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** A web address, with or without its https:// (added when missing). */
export const WebAddress = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'webAddress',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isURL(withScheme(value), urlOptions),
        defaultMessage: () => 'must be a web address such as leatherloft.shop',
      },
    },
    options,
  );
