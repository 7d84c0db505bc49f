// How to read a product's data from code, as the product page's preview shows it: curl and Python against the
// REST API v1 (a keyset-cursor page) and psql against the masked view a grant login reads. Pure.
// A product with several datasets names the one shown in each: `&dataset=<key>` and that dataset's masked view.

export type ReadSnippets = { url: string; curl: string; python: string; psql: string };

export function readSnippets(input: {
  origin: string;
  domain: string;
  name: string;
  environment: string;
  /** The dataset shown, when the product serves several; null for a product with one (the snippets omit it). */
  dataset: string | null;
  sql: { host: string; port: number; database: string };
  /** `schema.masked_view` of the dataset shown, or null when unknown (a placeholder is shown). */
  relation: string | null;
}): ReadSnippets {
  const dataset = input.dataset === null ? "" : `&dataset=${encodeURIComponent(input.dataset)}`;
  const url = `${input.origin}/api/v1/products/${input.domain}/${input.name}/data?env=${input.environment}${dataset}&limit=100`;
  const relation = input.relation ?? "<schema>.<view>";
  const { host, port, database } = input.sql;
  return {
    url,
    curl: `curl -H "Authorization: Bearer $MESHPORT_TOKEN" \\\n  "${url}"`,
    python: `import os, requests\n\nresp = requests.get(\n    "${url}",\n    headers={"Authorization": f"Bearer {os.environ['MESHPORT_TOKEN']}"},\n    timeout=30,\n)\nresp.raise_for_status()\npage = resp.json()\nrows = page["items"]  # the next page: add &cursor=<page["nextCursor"]>`,
    psql: `# SQL access comes with an access grant: get your login and password under My access.\npsql "host=${host} port=${port} dbname=${database} user=<your grant login>" \\\n  -c 'SELECT * FROM ${relation} LIMIT 10'`,
  };
}
