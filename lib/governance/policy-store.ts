// The stored global policy's fixed name. Policies are read where they are used (policy-queries,
// impact, update-policy), each selecting only the columns it needs.
export const GLOBAL_POLICY_NAME = "global-data-governance";
