import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Types } from 'mongoose';

const parse = (value: unknown): Types.ObjectId => {
  if (typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)) return new Types.ObjectId(value);
  throw new GraphQLError('An id must be a 24-character hex string.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
};

export const ObjectIdScalar = new GraphQLScalarType({
  name: 'ObjectId',
  description: 'A MongoDB ObjectId as a 24-character hex string',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
