/** What a service answers for a change it may refuse: field errors in Japanese, keyed by field name ("form" for the whole form). */
export type Result<T = object> = ({ ok: true } & T) | { ok: false; errors: Record<string, string> };
