// The provisioning area's server entry for other areas: the product a user may provision or load into.
import "server-only";

export { loadOwnedProduct } from "./owned-product";
