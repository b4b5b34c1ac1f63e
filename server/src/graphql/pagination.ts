import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  page: number = 1;

  @Field(() => Int, { defaultValue: 20 })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pages: number;
}

export const skipFor = ({ page, limit }: PageArgs): number => (page - 1) * limit;

export function pageOf<T>(items: T[], total: number, { page, limit }: PageArgs): Page<T> {
  return { items, total, page, pages: Math.ceil(total / limit) };
}

/** `{ items, total, page, pages }` for one item type, as every list in the API returns. */
export function Paginated<T extends object>(itemClass: ClassType<T>) {
  @ObjectType()
  abstract class PaginatedClass implements Page<T> {
    @Field(() => [itemClass])
    items!: T[];

    @Field(() => Int, { description: 'Matching items on all pages' })
    total!: number;

    @Field(() => Int)
    page!: number;

    @Field(() => Int)
    pages!: number;
  }
  return PaginatedClass;
}
