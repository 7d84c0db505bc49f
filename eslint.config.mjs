// House rules a machine keeps: the Next.js rules (core web vitals, TypeScript), the layer boundaries of
// the README's "Where code goes", and no style rules (formatting is Prettier's job).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

// The feature rooms of lib/ (README "Where code goes"); everything else in lib/ is the ground floor.
const FEATURE_AREAS = [
  "api",
  "auth",
  "consumers",
  "domains",
  "governance",
  "ingestion",
  "metrics",
  "notifications",
  "platform",
  "products",
  "provisioning",
  "quality",
];

// lib/'s own boundaries, which every lib/ block below repeats: a later no-restricted-imports replaces an
// earlier one's options for the files it matches.
const LIB_PATTERNS = [
  { group: ["@/app/*", "@/app"], message: "lib/ must not import routes (app/): move the shared code into lib/." },
  { group: ["@/components/*"], message: "lib/ must not import UI (components/)." },
];

// An area uses another area only through its public entry: `@/lib/<area>` (index.ts: pure, nothing
// server-only) or `@/lib/<area>/server` (server.ts: server-only). app/, components/, tests, bench and
// scripts may still import an area's files directly.
const otherAreasThroughEntries = (area) => ({
  group: FEATURE_AREAS.filter((other) => other !== area).flatMap((other) => [
    `@/lib/${other}/*`,
    `!@/lib/${other}/server`,
    `../${other}`,
    `../${other}/*`,
    `../../${other}`,
    `../../${other}/*`,
  ]),
  message: "An area imports another area through its entry only: `@/lib/<area>` (pure) or `@/lib/<area>/server` (server-only).",
});

const LIB_UI_PATHS = [
  { name: "react-dom", message: "lib/ holds no UI." },
  { name: "lucide-react", message: "lib/ holds no UI." },
  { name: "recharts", message: "lib/ holds no UI." },
  { name: "@tanstack/react-query", message: "lib/ holds no UI: hooks live next to the route or in components/." },
];

const config = [
  ...nextVitals,
  ...nextTs,
  prettier,
  {
    ignores: ["lib/generated/**", ".next/**", ".next-*/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // A leading underscore marks a value that is destructured away on purpose.
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // lib/ is the domain core: it imports no route and no UI.
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: LIB_PATTERNS, paths: LIB_UI_PATHS }],
    },
  },
  // Each feature area reaches the others through their entries only (index.ts, server.ts).
  ...FEATURE_AREAS.map((area) => ({
    files: [`lib/${area}/**/*.ts`],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [...LIB_PATTERNS, otherAreasThroughEntries(area)], paths: LIB_UI_PATHS }],
    },
  })),
  {
    // The ground floor (lib/*.ts, audit, jobs, validation) is what every area uses, so it imports no area:
    // features import downward only. Repeats the lib/ rule above, because a later no-restricted-imports
    // replaces an earlier one for the same files. The worker's composition root, which lists every area's
    // job handlers, sits above lib/ (job-handlers.ts beside instrumentation.ts).
    files: ["lib/*.ts", "lib/audit/**/*.ts", "lib/jobs/**/*.ts", "lib/validation/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...LIB_PATTERNS,
            {
              group: FEATURE_AREAS.flatMap((area) => [`@/lib/${area}`, `@/lib/${area}/*`, `./${area}/*`, `../${area}/*`]),
              message: "The ground floor of lib/ imports no feature area: move what it needs down, or pass it in.",
            },
          ],
          paths: LIB_UI_PATHS,
        },
      ],
    },
  },
  {
    // lib/governance: a file that touches the database says so in its name (`*.db.ts`); every other file in
    // its rooms is pure logic that unit tests call without a database, and stays so: it may use another
    // area's pure entry, not its server entry. (Repeats lib/'s and the area's boundaries: a later block
    // replaces the rule's options for the files it matches.)
    files: ["lib/governance/{policies,compliance,enforcement,impact,revalidation}/**/*.ts"],
    ignores: ["**/*.db.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...LIB_PATTERNS,
            otherAreasThroughEntries("governance"),
            {
              group: ["**/*.db", "@/lib/generated/*", "@/lib/*/server"],
              message: "A pure governance file must not touch the database: name it *.db.ts.",
            },
          ],
          paths: [
            { name: "server-only", message: "A pure governance file is not server-only: name it *.db.ts if it touches the database." },
            { name: "@/lib/db", message: "A pure governance file must not touch the database: name it *.db.ts." },
            { name: "@/lib/pg", message: "A pure governance file must not touch the database: name it *.db.ts." },
            { name: "pg", message: "A pure governance file must not touch the database: name it *.db.ts." },
            { name: "react-dom", message: "lib/ holds no UI." },
            { name: "lucide-react", message: "lib/ holds no UI." },
            { name: "recharts", message: "lib/ holds no UI." },
            { name: "@tanstack/react-query", message: "lib/ holds no UI: hooks live next to the route or in components/." },
          ],
        },
      ],
    },
  },
  {
    // Routes read and write through lib/<area>/ (queries.ts for pages, services for actions), never Prisma directly.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/db",
              message: "app/ does not query the database: read through lib/<area>/queries.ts.",
              allowTypeImports: true,
            },
          ],
          patterns: [
            {
              group: ["@/lib/generated/*", "@/lib/generated/**"],
              message: "app/ does not use Prisma: read through lib/<area>/queries.ts (type-only imports are fine).",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Shared components serve several routes; a component that needs an action takes it as a prop.
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/app"], message: "components/ must not import from app/: take the action as a prop." }] },
      ],
    },
  },
];

export default config;
