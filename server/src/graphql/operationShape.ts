import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const introspectionRoots = new Set(['__schema', '__type']);

/** How deep a selection reaches below the point it is used, in fields. */
export interface Reach {
  /** Deepest regular field. */
  regular: number;
  /** Deepest field under `__schema` / `__type`. */
  introspection: number;
}

const none: Reach = { regular: 0, introspection: 0 };

const deeper = (a: Reach, b: Reach): Reach => ({
  regular: Math.max(a.regular, b.regular),
  introspection: Math.max(a.introspection, b.introspection),
});

export const fragmentsOf = (document: DocumentNode): Map<string, FragmentDefinitionNode> => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
};

/**
 * Measures selections in time linear in the document: each fragment is measured once
 * (per introspection context) and its result reused wherever it is spread. Walking a
 * fragment again at every spread doubles the work with each fragment that spreads the
 * next one twice: 30 such fragments, 1.5 KB of query, froze the server.
 */
export class ReachMeter {
  private readonly memo = new Map<string, Reach>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: Map<string, FragmentDefinitionNode>) {}

  reach(selectionSet: SelectionSetNode, inIntrospection = false): Reach {
    let result = none;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const introspection = inIntrospection || introspectionRoots.has(selection.name.value);
        const below = selection.selectionSet
          ? this.reach(selection.selectionSet, introspection)
          : none;
        const own: Reach = introspection
          ? { regular: 0, introspection: below.introspection + 1 }
          : {
              regular: below.regular + 1,
              introspection: below.introspection > 0 ? below.introspection + 1 : 0,
            };
        result = deeper(result, own);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        result = deeper(result, this.reach(selection.selectionSet, inIntrospection));
      } else {
        result = deeper(result, this.fragment(selection.name.value, inIntrospection));
      }
    }
    return result;
  }

  private fragment(name: string, inIntrospection: boolean): Reach {
    const key = `${inIntrospection ? 'i' : 'r'}:${name}`;
    const known = this.memo.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Cycles are reported by graphql's own NoFragmentCycles rule.
    if (!fragment || this.visiting.has(key)) return none;
    this.visiting.add(key);
    const measured = this.reach(fragment.selectionSet, inIntrospection);
    this.visiting.delete(key);
    this.memo.set(key, measured);
    return measured;
  }
}

/**
 * The number of fields an operation resolves, fragments expanded: one per field, as
 * graphql-query-complexity's simple estimator counts, but with each fragment counted
 * once and multiplied where spread, so the count itself costs linear time. Fields that
 * `@skip` / `@include` leave out are not counted.
 */
export class CostMeter {
  private readonly memo = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  cost(selectionSet: SelectionSetNode): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!this.included(selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        total += 1 + (selection.selectionSet ? this.cost(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.cost(selection.selectionSet);
      } else {
        total += this.fragment(selection.name.value);
      }
    }
    return total;
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const cost = this.cost(fragment.selectionSet);
    this.visiting.delete(name);
    this.memo.set(name, cost);
    return cost;
  }

  private included(
    directives:
      | readonly {
          name: { value: string };
          arguments?: readonly { name: { value: string }; value: ValueNode }[];
        }[]
      | undefined,
  ): boolean {
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
      const value = condition && this.booleanOf(condition.value);
      if (value === undefined) continue;
      if ((name === 'skip') === value) return false;
    }
    return true;
  }

  private booleanOf(value: ValueNode): boolean | undefined {
    if (value.kind === Kind.BOOLEAN) return value.value;
    if (value.kind === Kind.VARIABLE) {
      const given = this.variables[value.name.value];
      return typeof given === 'boolean' ? given : undefined;
    }
    return undefined;
  }
}
