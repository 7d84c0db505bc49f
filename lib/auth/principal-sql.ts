// SQL shared by the two statements that load a principal on every request: the session's user
// (current-user.ts) and the token's (api-tokens.ts).

/** A user's domain roles as one slug → role JSON object (null without any). */
export const domainRolesOf = (userId: "u.id" | "tok.user_id") =>
  `(SELECT json_object_agg(d.slug, m.role) FROM domain_memberships m JOIN domains d ON d.id = m.domain_id WHERE m.user_id = ${userId})`;
