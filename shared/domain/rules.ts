/**
 * Zod's own string checks carry no custom codes, so domain rules go through refine with a stable
 * `params.code` the renderer translates (validation.<code>) and the English message for logs.
 */
export const coded = (code: string, message: string, abort = true) => ({ message, params: { code }, abort });
