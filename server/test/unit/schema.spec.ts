import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import {
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema, printAppSchema, schemaFile } from '../../src/schema';

const secretFieldNames = ['password', 'credentials', 'tokenHash', 'pageAccessToken'];

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

/** Every type a client can read: object and interface types, introspection's own aside. */
const outputTypes = () =>
  Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType | GraphQLInterfaceType =>
      !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)),
  );

test('the committed schema.graphql is up to date', () => {
  const generated = printAppSchema(schema);
  const committed = readFileSync(schemaFile, 'utf8');
  if (generated !== committed) {
    throw new Error(
      `${schemaFile} is stale: the API changed. Run \`npm run schema\` and commit the result.`,
    );
  }
});

test('the printed schema starts with the generated-file header and ends with one newline', () => {
  const printed = printAppSchema(schema);
  expect(printed.startsWith('# -----')).toBe(true);
  expect(printed).toContain('Regenerate with `npm run schema`');
  expect(printed.endsWith('}\n')).toBe(true);
  expect(printed.endsWith('\n\n')).toBe(false);
});

test('printing is deterministic', async () => {
  expect(printAppSchema(await buildAppSchema())).toBe(printAppSchema(schema));
});

test('User has no password field', () => {
  const user = schema.getType('User');
  if (!isObjectType(user)) throw new Error('the schema has no User object type');
  const fields = Object.keys(user.getFields());
  expect(fields).toEqual(expect.arrayContaining(['id', 'email', 'role']));
  expect(fields).not.toContain('password');
});

test('no output type exposes a secret field', () => {
  const exposed = outputTypes().flatMap((type) =>
    Object.keys(type.getFields())
      .filter((field) => secretFieldNames.includes(field))
      .map((field) => `${type.name}.${field}`),
  );
  expect(exposed).toEqual([]);
});

test('passwords appear only on the inputs that send them: signup and login', () => {
  // Passwords go in (signup, login); nothing secret comes back out.
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const withPassword = inputs
    .filter((type) => 'password' in type.getFields())
    .map((type) => type.name)
    .sort();
  expect(withPassword).toEqual(['LoginInput', 'SignupInput']);
});
