import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { DESTRUCTIVE } from './fieldRules';
import type { FuzzRole, IdPool } from './operation';
import type { Rng } from './random';
import { stringFor, word } from './strings';

/**
 * Valid argument values, walked from the schema's input types: a value of the right
 * type for every argument and input field chosen, with numbers, dates and ids near the
 * edges the resolvers check, and ObjectIds drawn from the caller's own documents,
 * another owner's, or nobody's. Values stay trees (VNode) until written, so a later
 * step can spoil one and decide whether it becomes a literal or a variable.
 */

type IdOrigin = 'own' | 'other' | 'random';

/** An argument value before it is written as a literal or a variable. */
export type VNode =
  | { k: 'null' }
  | { k: 'scalar'; v: string | number | boolean; origin?: IdOrigin }
  | { k: 'enum'; v: string }
  | { k: 'list'; items: VNode[] }
  | { k: 'object'; fields: { name: string; node: VNode }[] }
  | { k: 'json'; v: unknown }
  | { k: 'raw'; text: string }
  | { k: 'var'; name: string; declare?: { type: string; value: unknown } };

export interface ArgPlan {
  name: string;
  type: GraphQLInputType | undefined;
  node: VNode;
  /** Non-null without a default: leaving it out is an error. */
  required: boolean;
}

export interface GenContext {
  rng: Rng;
  role: FuzzRole;
  field: string;
  epochMs: number;
  /** The dbms collection chosen for this field, so its `id` can match. */
  collection?: string;
  /** The sweep: every argument and input field (two levels deep), no nulls, own ids. */
  full?: boolean;
}

function intFor(hint: string, rng: Rng): number {
  switch (hint.toLowerCase()) {
    case 'limit':
      return rng.chance(0.8)
        ? rng.pick([1, 5, 10, 20, 50])
        : rng.pick([0, -1, 100, 1000, 2147483647]);
    case 'page':
      return rng.chance(0.85) ? rng.int(1, 3) : rng.pick([0, -1, 1000, 2147483647, -2147483648]);
    case 'score':
    case 'minscore':
      return rng.chance(0.85) ? rng.int(0, 100) : rng.pick([-1, 101, 2147483647]);
    case 'day':
      return rng.chance(0.9) ? rng.int(0, 6) : rng.pick([7, -1]);
    case 'handbackminutes':
      return rng.chance(0.85) ? rng.int(1, 600) : rng.pick([0, -5, 2147483647]);
    default:
      return rng.chance(0.8) ? rng.int(0, 100) : rng.pick([-1, 0, 2147483647, -2147483648]);
  }
}

function floatFor(hint: string, rng: Rng): number {
  const name = hint.toLowerCase();
  if (name === 'price' || name === 'ordervalue') {
    return rng.chance(0.85)
      ? Math.round(rng.next() * 50_000) / 100
      : rng.pick([0, -1, 1.005, 1e15, 0.1 + 0.2, 1e-7, 5e-324]);
  }
  return rng.chance(0.9) ? Math.round(rng.next() * 100_000) / 100 : rng.pick([-0.5, 1e-7, 1e21]);
}

function dateFor(rng: Rng, epochMs: number): string {
  if (rng.chance(0.1)) {
    return rng.pick([
      '1970-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00Z',
    ]);
  }
  const offset = rng.int(-120, 5) * 86_400_000 + rng.int(0, 86_399_999);
  return new Date(epochMs + offset).toISOString();
}

type IdKind = keyof IdPool;

function idKindFor(hint: string, ctx: GenContext): IdKind | undefined {
  switch (hint) {
    case 'chatId':
      return 'chat';
    case 'campaignId':
      return 'campaign';
    case 'userId':
      return 'user';
    case 'messageId':
      return 'message';
    case 'trashId':
      return undefined;
    case 'id':
      if (['campaign', 'updateCampaign', 'setCampaignStatus', 'deleteCampaign'].includes(ctx.field))
        return 'campaign';
      if (ctx.field === 'chat') return 'chat';
      return (
        { users: 'user', campaigns: 'campaign', chats: 'chat', messages: 'message' } as const
      )[ctx.collection ?? ''];
    default:
      return undefined;
  }
}

function objectIdFor(hint: string, ctx: GenContext): VNode {
  const { rng, role } = ctx;
  const kind = idKindFor(hint, ctx);
  const destructive = DESTRUCTIVE.has(ctx.field);
  const own = kind && !destructive ? role.own[kind] : [];
  const other = kind && !(destructive && role.isAdmin) ? role.other[kind] : [];
  const roll = ctx.full ? 0 : rng.next();
  if (roll < 0.55 && own.length > 0) return { k: 'scalar', v: rng.pick(own), origin: 'own' };
  if (roll < 0.8 && other.length > 0) return { k: 'scalar', v: rng.pick(other), origin: 'other' };
  return { k: 'scalar', v: rng.hex(24), origin: 'random' };
}

function scalarFor(typeName: string, hint: string, ctx: GenContext): VNode {
  const { rng } = ctx;
  switch (typeName) {
    case 'String':
      return { k: 'scalar', v: stringFor(hint, rng, ctx.role) };
    case 'ID':
      return { k: 'scalar', v: rng.chance(0.5) ? rng.hex(24) : word(rng) };
    case 'Int':
      return { k: 'scalar', v: intFor(hint, rng) };
    case 'Float':
      return { k: 'scalar', v: floatFor(hint, rng) };
    case 'Boolean':
      return { k: 'scalar', v: rng.chance(0.5) };
    case 'ObjectId':
      return objectIdFor(hint, ctx);
    case 'DateTimeISO':
      return { k: 'scalar', v: dateFor(rng, ctx.epochMs) };
    case 'JSONObject':
      return { k: 'json', v: { note: word(rng), n: rng.int(0, 9) } };
    default:
      return { k: 'scalar', v: word(rng) };
  }
}

/** A value of the right type for an argument or input field named `hint`. */
function valueFor(type: GraphQLInputType, hint: string, ctx: GenContext, depth: number): VNode {
  const { rng } = ctx;
  if (!ctx.full && !isNonNullType(type) && rng.chance(0.04)) return { k: 'null' };
  return valueOf(isNonNullType(type) ? type.ofType : type, hint, ctx, depth);
}

function valueOf(type: GraphQLInputType, hint: string, ctx: GenContext, depth: number): VNode {
  const { rng } = ctx;
  if (isListType(type)) {
    const count = rng.chance(0.9) ? rng.int(0, 3) : rng.int(4, 8);
    return {
      k: 'list',
      items: Array.from({ length: count }, () => valueFor(type.ofType, hint, ctx, depth + 1)),
    };
  }
  if (isEnumType(type)) return { k: 'enum', v: rng.pick(type.getValues()).name };
  if (isInputObjectType(type)) {
    const fields: { name: string; node: VNode }[] = [];
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (required || (ctx.full && depth <= 2) || rng.chance(depth > 2 ? 0.2 : 0.5)) {
        fields.push({ name: field.name, node: valueFor(field.type, field.name, ctx, depth + 1) });
      }
    }
    return { k: 'object', fields };
  }
  return scalarFor(getNamedType(type).name, hint, ctx);
}

export function argsFor(field: GraphQLField<unknown, unknown>, ctx: GenContext): ArgPlan[] {
  const { rng } = ctx;
  const args: ArgPlan[] = [];
  // `collection` first, so that `id` can be drawn from the matching pool.
  const ordered = [...field.args].sort((a, b) =>
    a.name === 'collection' ? -1 : b.name === 'collection' ? 1 : 0,
  );
  for (const arg of ordered) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const include =
      required ||
      (ctx.full && arg.name !== 'userId') ||
      rng.chance(
        arg.name === 'userId' && !ctx.role.isAdmin ? 0.2 : arg.name === 'userId' ? 0.4 : 0.5,
      );
    if (!include) continue;
    const node = valueFor(arg.type, arg.name, ctx, 0);
    if (arg.name === 'collection' && node.k === 'scalar') ctx.collection = String(node.v);
    args.push({ name: arg.name, type: arg.type, node, required });
  }
  return args;
}
