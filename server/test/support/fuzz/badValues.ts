import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
} from 'graphql';
import type { Rng } from './random';
import {
  asJsonOrRaw,
  BAD_DATES,
  badEnum,
  HUGE_NUMBERS,
  MALFORMED_IDS,
  wrongValue,
} from './badScalars';
import { hugeString, WEIRD_STRINGS, word } from './strings';
import type { ArgPlan, GenContext, VNode } from './values';

/**
 * Invalid argument values: one value of a valid plan spoiled in place (a wrong type, a
 * null where none may be, 1e308, a 100 KB string, a malformed id or date, a missing
 * required field, an undeclared or mistyped variable, a 5,000-item list...). Whether
 * GraphQL must refuse the result is decided afterwards, by the local verdict.
 */

interface Slot {
  node: VNode;
  type: GraphQLInputType | undefined;
  /** The argument or input field name. */
  name: string;
  set(node: VNode): void;
}

function collectSlots(args: ArgPlan[]): Slot[] {
  const slots: Slot[] = [];
  const walk = (
    node: VNode,
    type: GraphQLInputType | undefined,
    name: string,
    set: (n: VNode) => void,
  ) => {
    slots.push({ node, type, name, set });
    const inner = type && isNonNullType(type) ? type.ofType : type;
    if (node.k === 'list') {
      const itemType = inner && isListType(inner) ? inner.ofType : undefined;
      node.items.forEach((item, index) =>
        walk(item, itemType, name, (n) => (node.items[index] = n)),
      );
    } else if (node.k === 'object') {
      const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
      for (const field of node.fields) {
        walk(field.node, fields[field.name]?.type, field.name, (n) => (field.node = n));
      }
    }
  };
  for (const arg of args) walk(arg.node, arg.type, arg.name, (n) => (arg.node = n));
  return slots;
}

const namedOf = (slot: Slot): string => (slot.type ? getNamedType(slot.type).name : '');

export type ValueCorruption =
  | 'wrong-type'
  | 'null-for-non-null'
  | 'huge-number'
  | 'huge-string'
  | 'bad-enum'
  | 'bad-objectid'
  | 'bad-date'
  | 'missing-required'
  | 'unknown-input-field'
  | 'unknown-variable'
  | 'variable-type-mismatch'
  | 'long-list'
  | 'weird-string';

export const VALUE_CORRUPTIONS: (readonly [ValueCorruption, number])[] = [
  ['wrong-type', 3],
  ['null-for-non-null', 2],
  ['huge-number', 2],
  ['huge-string', 2],
  ['bad-enum', 2],
  ['bad-objectid', 3],
  ['bad-date', 1],
  ['missing-required', 2],
  ['unknown-input-field', 1.5],
  ['unknown-variable', 1],
  ['variable-type-mismatch', 1],
  ['long-list', 1],
  ['weird-string', 1.5],
];

function isRequiredInputField(type: GraphQLInputType, name: string): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return false;
  const field = named.getFields()[name];
  return !!field && isNonNullType(field.type) && field.defaultValue === undefined;
}

/** Takes out one required argument or required input field. */
function dropRequired(slots: Slot[], args: ArgPlan[], rng: Rng): boolean {
  const objects = slots.filter(
    (s) =>
      s.node.k === 'object' &&
      s.type !== undefined &&
      isInputObjectType(getNamedType(s.type)) &&
      s.node.fields.some((f) => isRequiredInputField(s.type!, f.name)),
  );
  const topRequired = args.filter((a) => a.required);
  if (objects.length === 0 && topRequired.length === 0) return false;
  if (topRequired.length > 0 && (objects.length === 0 || rng.chance(0.5))) {
    const victim = rng.pick(topRequired);
    args.splice(args.indexOf(victim), 1);
  } else {
    const slot = rng.pick(objects);
    const node = slot.node as Extract<VNode, { k: 'object' }>;
    const required = node.fields.filter((f) => isRequiredInputField(slot.type!, f.name));
    node.fields.splice(node.fields.indexOf(rng.pick(required)), 1);
  }
  return true;
}

/** Spoils one value in `args`; false when no value fits the corruption. */
export function corruptValue(
  kind: ValueCorruption,
  args: ArgPlan[],
  ctx: GenContext,
  hugeLength?: number,
): boolean {
  const { rng } = ctx;
  const slots = collectSlots(args);
  const fits = (predicate: (slot: Slot) => boolean): Slot | undefined => {
    const candidates = slots.filter(predicate);
    return candidates.length > 0 ? rng.pick(candidates) : undefined;
  };
  const spoil = (predicate: (slot: Slot) => boolean, make: (slot: Slot) => VNode): boolean => {
    const slot = fits(predicate);
    if (!slot) return false;
    slot.set(make(slot));
    return true;
  };
  const isText = (s: Slot) => ['String', 'ID'].includes(namedOf(s)) && s.node.k === 'scalar';
  switch (kind) {
    case 'wrong-type':
      return spoil(
        (s) => s.type !== undefined && s.node.k !== 'null',
        (slot) =>
          isInputObjectType(getNamedType(slot.type!))
            ? rng.pick<VNode>([
                { k: 'scalar', v: 'object' },
                { k: 'scalar', v: 3 },
              ])
            : wrongValue(namedOf(slot), rng),
      );
    case 'null-for-non-null':
      return spoil(
        (s) => s.type !== undefined && isNonNullType(s.type),
        () => ({ k: 'null' }),
      );
    case 'huge-number':
      return spoil(
        (s) => ['Int', 'Float'].includes(namedOf(s)) && s.node.k === 'scalar',
        () => {
          const huge = rng.pick(HUGE_NUMBERS);
          return asJsonOrRaw(rng, huge.json, huge.literal);
        },
      );
    case 'huge-string':
      return spoil(isText, () => {
        const length =
          hugeLength ??
          rng.weighted([
            [1_000, 3],
            [10_000, 4],
            [100_000, 4],
            [900_000, 0.3],
          ] as const);
        return { k: 'scalar', v: hugeString(rng, length) };
      });
    case 'weird-string':
      return spoil(isText, () => ({ k: 'json', v: rng.pick(WEIRD_STRINGS) }));
    case 'bad-enum':
      return spoil(
        (s) => s.type !== undefined && isEnumType(getNamedType(s.type)),
        (slot) => badEnum(rng, slot.node.k === 'enum' ? slot.node.v : 'ACTIVE'),
      );
    case 'bad-objectid':
      return spoil(
        (s) => namedOf(s) === 'ObjectId',
        () => ({ k: 'json', v: rng.pick(MALFORMED_IDS) }),
      );
    case 'bad-date':
      return spoil(
        (s) => namedOf(s) === 'DateTimeISO',
        () => ({ k: 'json', v: rng.pick(BAD_DATES) }),
      );
    case 'missing-required':
      return dropRequired(slots, args, rng);
    case 'unknown-input-field': {
      const slot = fits((s) => s.node.k === 'object');
      if (!slot) return false;
      (slot.node as Extract<VNode, { k: 'object' }>).fields.push({
        name: rng.pick(['bogusField', 'userId', '__proto__', 'role', 'password']),
        node: { k: 'scalar', v: word(rng) },
      });
      return true;
    }
    case 'unknown-variable':
      return spoil(
        () => true,
        () => ({ k: 'var', name: `undeclared${rng.int(0, 99)}` }),
      );
    case 'variable-type-mismatch':
      return spoil(
        (s) => s.type !== undefined,
        (slot) => {
          const named = namedOf(slot);
          const declare =
            named === 'Int'
              ? { type: 'String', value: '5' }
              : named === 'String'
                ? { type: 'Int', value: 5 }
                : { type: rng.pick(['Boolean', 'String!', '[Int]', 'NoSuchType']), value: true };
          return { k: 'var', name: `mismatch${rng.int(0, 99)}`, declare };
        },
      );
    case 'long-list':
      return spoil(
        (s) => s.node.k === 'list' && s.node.items.length > 0,
        (slot) => {
          const list = slot.node as Extract<VNode, { k: 'list' }>;
          const count = rng.pick([25, 100, 1000, 5000]);
          const template = list.items[0]!;
          return { k: 'list', items: Array.from({ length: count }, () => template) };
        },
      );
  }
}
