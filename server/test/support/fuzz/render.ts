import { isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import type { Rng } from './random';
import type { VNode } from './values';

/**
 * Writes an argument value into the document, as a literal or (by chance, when its type
 * is known and it can be expressed as JSON) as a variable with its declaration, so both
 * of GraphQL's input paths, literal parsing and variable coercion, see every kind of value.
 */

export interface RenderContext {
  rng: Rng;
  /** Chance that a typed value becomes a variable. */
  variableChance: number;
  varDefs: string[];
  variables: Record<string, unknown>;
  nextVar: number;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

function representable(node: VNode): boolean {
  switch (node.k) {
    case 'raw':
    case 'var':
      return false;
    case 'list':
      return node.items.every(representable);
    case 'object':
      return node.fields.every((field) => representable(field.node));
    default:
      return true;
  }
}

function toJson(node: VNode): unknown {
  switch (node.k) {
    case 'null':
      return null;
    case 'scalar':
    case 'enum':
    case 'json':
      return node.v;
    case 'list':
      return node.items.map(toJson);
    case 'object':
      return Object.fromEntries(node.fields.map((field) => [field.name, toJson(field.node)]));
    default:
      throw new Error(`not representable as JSON: ${node.k}`);
  }
}

function jsonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([key]) =>
    NAME.test(key),
  );
  return `{${entries.map(([key, item]) => `${key}: ${jsonLiteral(item)}`).join(', ')}}`;
}

export function render(
  node: VNode,
  type: GraphQLInputType | undefined,
  ctx: RenderContext,
): string {
  if (type && representable(node) && ctx.rng.chance(ctx.variableChance)) {
    const name = `v${ctx.nextVar++}`;
    ctx.varDefs.push(`$${name}: ${String(type)}`);
    ctx.variables[name] = toJson(node);
    return `$${name}`;
  }
  const inner = type && isNonNullType(type) ? type.ofType : type;
  switch (node.k) {
    case 'null':
      return 'null';
    case 'scalar':
      if (typeof node.v === 'string') return JSON.stringify(node.v);
      if (typeof node.v === 'number') return Number.isFinite(node.v) ? String(node.v) : 'null';
      return String(node.v);
    case 'enum':
      return node.v;
    case 'json':
      return jsonLiteral(node.v);
    case 'raw':
      return node.text;
    case 'var':
      if (node.declare) {
        ctx.varDefs.push(`$${node.name}: ${node.declare.type}`);
        ctx.variables[node.name] = node.declare.value;
      }
      return `$${node.name}`;
    case 'list': {
      const itemType = inner && isListType(inner) ? inner.ofType : undefined;
      return `[${node.items.map((item) => render(item, itemType, ctx)).join(', ')}]`;
    }
    case 'object': {
      const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
      return `{${node.fields
        .map((field) => `${field.name}: ${render(field.node, fields[field.name]?.type, ctx)}`)
        .join(', ')}}`;
    }
  }
}
