// The governance area's server entry for other areas: the publish gate, validation on demand and the
// data-access enforcement engine.
import "server-only";

export { publishGate } from "./compliance/publish-gate.db";
export { loadPolicyContexts, validateProductById } from "./compliance/validate-products.db";
export { enforce } from "./enforcement/enforce.db";
export { validateDraft } from "./compliance/validate-draft.db";
