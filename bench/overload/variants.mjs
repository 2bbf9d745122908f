// The clients each scenario compares, and the memwire options each variant passes. Today's policy
// is memwire with issue 13's retry budget and shared Retry-After turned off: the same calls as the
// defaults, sent the way memwire sent them before.
export const VARIANTS = {
  defaults: { label: 'memwire, defaults', client: 'memwire', options: {} },
  today: { label: "memwire, today's policy", client: 'memwire', options: { retryBudget: false, shareRetryAfter: false } },
  supermemory: { label: 'supermemory SDK', client: 'supermemory', options: {} },
};
