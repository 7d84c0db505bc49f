// House rules a machine keeps: the Next.js rules (core web vitals, TypeScript), the layer boundaries of
// the README's "Where code goes", and no style rules (formatting is Prettier's job).
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

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
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/app/*", "@/app"], message: "lib/ must not import routes (app/): move the shared code into lib/." },
            { group: ["@/components/*"], message: "lib/ must not import UI (components/)." },
          ],
          paths: [
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
