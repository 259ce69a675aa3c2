import type { Kysely, KyselyPlugin } from "kysely";
import type { Database } from "../../../db/schema";

/** Counts the statements run through the returned database (one result each; a subquery is part of its statement). */
export function countingQueries(db: Kysely<Database>): { db: Kysely<Database>; count: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => node,
    transformResult: async ({ result }) => {
      n += 1;
      return result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => n };
}
