import {
  ArrayMaxSize,
  IsUrl,
  Length,
  MaxLength,
  Min,
  ValidateBy,
  buildMessage,
  type ValidationOptions,
} from 'class-validator';

/** Field rules shared by the inputs of several modules (catalog, campaigns). */

/** Applies several property decorators as one rule. */
export const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** Length of the text without surrounding whitespace, which the service trims off. */
export const TrimmedLength = (
  min: number,
  max: number,
  options?: ValidationOptions,
): PropertyDecorator =>
  ValidateBy(
    {
      name: 'trimmedLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.trim().length >= min && value.trim().length <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be $constraint1 to $constraint2 characters long`,
        ),
      },
    },
    options,
  );

export const urlOptions = { protocols: ['http', 'https'], require_protocol: true };

export const ProductName = () => TrimmedLength(1, 200);
/**
 * A finite number with at most two decimals. class-validator's `maxDecimalPlaces` reads
 * the decimals from `toString()` and throws on exponent forms such as 1e-7.
 */
export const Price = () =>
  rules(
    ValidateBy({
      name: 'price',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value,
        defaultMessage: () => 'price must be a number with at most 2 decimal places',
      },
    }),
    Min(0),
  );
export const Images = () =>
  rules(
    ArrayMaxSize(20),
    MaxLength(2000, { each: true }),
    IsUrl(urlOptions, { each: true, message: 'each image must be an http(s) URL' }),
  );
export const Features = () => rules(ArrayMaxSize(30), Length(1, 200, { each: true }));
