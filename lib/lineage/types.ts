// What the lineage graph (page and API) and the impact of a change answer: plain JSON-safe DTOs.
export const LINEAGE_DIRECTIONS = ["both", "upstream", "downstream"] as const;
export type LineageDirection = (typeof LINEAGE_DIRECTIONS)[number];
export const MAX_LINEAGE_DEPTH = 10;
export const DEFAULT_LINEAGE_DEPTH = 3;

export type LineageGraphOptions = { depth: number; direction: LineageDirection; domain: string | null };

export type LineageNode =
  | {
      id: string;
      kind: "product";
      domain: string;
      name: string;
      lifecycle: string;
      owner: string;
      /** Steps from the focus: negative upstream, positive downstream, 0 the focus itself. */
      depth: number;
      /** Columns that column-level edges leave from or arrive at. */
      columns: string[];
    }
  | { id: string; kind: "system"; name: string; depth: number; columns: string[] };

export type LineageEdgeDto = {
  id: string;
  from: string;
  to: string;
  dataset: string | null;
  transformation: string | null;
  columns: { from: string; to: string }[];
};

export type LineageGraph = {
  focus: string;
  options: LineageGraphOptions;
  nodes: LineageNode[];
  edges: LineageEdgeDto[];
  /** Domains of every product reachable at this depth and direction (for the domain filter). */
  domains: string[];
  /** More products than the page draws were reachable: the deepest were left out. */
  truncated: boolean;
};

export type ImpactOfChange = {
  /** Every product downstream of this one, transitively (retired ones included, marked), nearest first. */
  downstream: { id: string; domain: string; name: string; owner: string; lifecycle: string; depth: number }[];
  /** Users holding a live (not ended, not expired) access grant to the product. */
  grantHolders: { userId: string; email: string; name: string; expiresAt: string }[];
  /** Users who read the product's data in the last 30 days. */
  recentReaders: { userId: string; email: string; name: string; reads: number; lastReadAt: string }[];
};
