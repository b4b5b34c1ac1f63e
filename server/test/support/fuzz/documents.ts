import {
  getNamedType,
  isAbstractType,
  isLeafType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { FIELD_WEIGHTS, forbiddenFor, PRIMARY_ID, SOLO_FIELDS } from './fieldRules';
import type { DenyCheck, FuzzRole } from './operation';
import type { Rng } from './random';
import { render, type RenderContext } from './render';
import { argsFor, type ArgPlan, type GenContext, type VNode } from './values';

/**
 * Whole documents: root fields picked by weight, each with its arguments and a random
 * selection set (aliases, inline fragments, named fragments, __typename), printed as
 * query text and variables; and, from the ids drawn, which root fields must answer no
 * data because they were aimed at someone else's documents.
 */

export type Injection = 'unknown-field' | 'leaf-selection' | 'missing-selection';

export interface SelectionContext {
  rng: Rng;
  fragments: string[];
  nextFragment: number;
  /** A selection mistake to slip in somewhere (once), for the invalid documents. */
  inject?: Injection;
  injected: boolean;
}

export const newSelectionContext = (rng: Rng): SelectionContext => ({
  rng,
  fragments: [],
  nextFragment: 0,
  injected: false,
});

const isLeafField = (field: GraphQLField<unknown, unknown>): boolean =>
  isLeafType(getNamedType(field.type));

/** A valid selection set for `type` (empty for leaves), at most `maxDepth` deep. */
function selectionFor(
  type: GraphQLOutputType,
  depth: number,
  maxDepth: number,
  s: SelectionContext,
): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const { rng } = s;
  if (isAbstractType(named)) {
    return '{ __typename }';
  }
  const object = named as GraphQLObjectType;
  const fields = Object.values(object.getFields());
  const nestable = depth < maxDepth;
  const candidates = nestable ? fields : fields.filter(isLeafField);
  const parts: string[] = [];
  if (candidates.length === 0) {
    parts.push('__typename');
  } else {
    const count = rng.int(1, Math.min(candidates.length, depth <= 1 ? 6 : 4));
    for (const field of rng.sample(candidates, count)) {
      const alias = rng.chance(0.05) ? `${field.name}Alias${rng.int(0, 9)}: ` : '';
      const sub = selectionFor(field.type, depth + 1, maxDepth, s);
      parts.push(`${alias}${field.name}${sub ? ` ${sub}` : ''}`);
    }
  }
  if (rng.chance(0.08)) parts.push('__typename');
  if (s.inject && !s.injected && rng.chance(0.5)) {
    const leaf = fields.find(isLeafField);
    const nonLeaf = fields.find((field) => !isLeafField(field));
    if (s.inject === 'unknown-field') {
      parts.push(rng.pick(['fuzzUnknown', 'password', 'credentials', 'passwordHash', 'tokenHash']));
      s.injected = true;
    } else if (s.inject === 'leaf-selection' && leaf) {
      parts.push(`${leaf.name}Leaf: ${leaf.name} { __typename }`);
      s.injected = true;
    } else if (s.inject === 'missing-selection' && nonLeaf) {
      parts.push(`${nonLeaf.name}Bare: ${nonLeaf.name}`);
      s.injected = true;
    }
  }
  const body = parts.join(' ');
  const style = rng.next();
  if (style < 0.06) return `{ ... on ${object.name} { ${body} } }`;
  if (style < 0.1) {
    const name = `F${s.nextFragment++}`;
    s.fragments.push(`fragment ${name} on ${object.name} { ${body} }`);
    return `{ ...${name} }`;
  }
  return `{ ${body} }`;
}

export type OpType = 'query' | 'mutation' | 'subscription';

export interface RootPlan {
  alias?: string;
  field: GraphQLField<unknown, unknown>;
  args: ArgPlan[];
  extraArgs: string[];
  selection: string;
}

export interface DocPlan {
  opType: OpType;
  name?: string;
  roots: RootPlan[];
  /** Root selections written as is (unknown fields, missing selections). */
  extraRoots: string[];
  fragments: string[];
}

export interface BuiltDocument {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  roots: RootPlan[];
}

export function rootType(schema: GraphQLSchema, opType: OpType): GraphQLObjectType {
  const type =
    opType === 'query'
      ? schema.getQueryType()
      : opType === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!type) throw new Error(`the schema has no ${opType} type`);
  return type;
}

function pickField(
  schema: GraphQLSchema,
  opType: OpType,
  role: FuzzRole,
  rng: Rng,
  alone: boolean,
): GraphQLField<unknown, unknown> {
  const fields = Object.values(rootType(schema, opType).getFields()).filter(
    (field) => !forbiddenFor(role, field.name) && (alone || !SOLO_FIELDS.has(field.name)),
  );
  return rng.weighted(fields.map((field) => [field, FIELD_WEIGHTS[field.name] ?? 1]));
}

export function planRoot(
  field: GraphQLField<unknown, unknown>,
  ctx: GenContext,
  s: SelectionContext,
  alias?: string,
): RootPlan {
  const args = argsFor(field, { ...ctx, field: field.name, collection: undefined });
  const selection = selectionFor(field.type, 1, ctx.rng.int(2, 6), s);
  return { alias, field, args, extraArgs: [], selection };
}

export function planDocument(
  schema: GraphQLSchema,
  opType: OpType,
  ctx: GenContext,
  s: SelectionContext,
  index: number,
): DocPlan {
  const { rng } = ctx;
  const several = opType === 'query' ? 0.12 : opType === 'mutation' ? 0.06 : 0;
  const rootCount = rng.chance(several) ? rng.int(2, 3) : 1;
  const roots: RootPlan[] = [];
  for (let position = 0; position < rootCount; position += 1) {
    const field = pickField(schema, opType, ctx.role, rng, rootCount === 1);
    roots.push(planRoot(field, ctx, s, rootCount > 1 ? `r${position}` : undefined));
  }
  return {
    opType,
    name: rng.chance(0.4) ? `Fuzz${opType[0]!.toUpperCase()}${index}` : undefined,
    roots,
    extraRoots: [],
    fragments: s.fragments,
  };
}

export function printDocument(plan: DocPlan, rng: Rng, variableChance: number): BuiltDocument {
  const ctx: RenderContext = { rng, variableChance, varDefs: [], variables: {}, nextVar: 0 };
  const roots = plan.roots.map((root) => {
    const args = [
      ...root.args.map((arg) => `${arg.name}: ${render(arg.node, arg.type, ctx)}`),
      ...root.extraArgs,
    ];
    const argText = args.length > 0 ? `(${args.join(', ')})` : '';
    const alias = root.alias ? `${root.alias}: ` : '';
    return `${alias}${root.field.name}${argText}${root.selection ? ` ${root.selection}` : ''}`;
  });
  const header = [
    plan.opType,
    plan.name ?? '',
    ctx.varDefs.length > 0 ? `(${ctx.varDefs.join(', ')})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const fragments = plan.fragments.length > 0 ? `\n${plan.fragments.join('\n')}` : '';
  return {
    query: `${header} { ${[...roots, ...plan.extraRoots].join(' ')} }${fragments}`,
    variables: ctx.variables,
    operationName: plan.name,
    roots: plan.roots,
  };
}

/** The root fields aimed at someone else's documents, from the ids drawn for them. */
export function denyChecks(roots: RootPlan[], role: FuzzRole): DenyCheck[] {
  if (!role.authenticated || role.isAdmin) return [];
  const checks: DenyCheck[] = [];
  for (const root of roots) {
    const key = root.alias ?? root.field.name;
    const primary = PRIMARY_ID[root.field.name];
    const dbms = root.field.name.startsWith('dbms');
    const visit = (node: VNode, pathText: string) => {
      if (node.k === 'scalar' && node.origin === 'other') {
        if (pathText === primary) {
          checks.push({ key, field: root.field.name, reason: 'id', allowForbidden: dbms });
        } else if (pathText.endsWith('userId')) {
          checks.push({ key, field: root.field.name, reason: 'userId', allowForbidden: true });
        }
      } else if (node.k === 'object') {
        for (const field of node.fields) visit(field.node, `${pathText}.${field.name}`);
      } else if (node.k === 'list') {
        for (const item of node.items) visit(item, pathText);
      }
    };
    for (const arg of root.args) visit(arg.node, arg.name);
  }
  // One check per response key; naming another user allows FORBIDDEN for the whole field.
  const byKey = new Map<string, DenyCheck>();
  for (const check of checks) {
    const known = byKey.get(check.key);
    if (!known || check.reason === 'userId') byKey.set(check.key, check);
  }
  return [...byKey.values()];
}
