// The lineage room's pure entry: the graph and impact DTOs and the layout (browser-safe).
export { LINEAGE_DIRECTIONS, MAX_LINEAGE_DEPTH, DEFAULT_LINEAGE_DEPTH } from "./types";
export type * from "./types";
export { layoutGraph, nodeSize } from "./layout";
