import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // Every query is awaited: a forgotten await would let a request answer before its write (or
    // let a rejected write vanish). Type-aware, so it sees through lib/ functions that return promises.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // The query API both engines share: await a query for its rows; .get()/.all()/.run() exist
    // only on SQLite drivers (db/client.ts).
    files: ["lib/**", "db/**", "scripts/**", "bench/**", "test/**", "e2e/**"],
    // These talk to better-sqlite3 itself (the engine, migrations, the schema comparison).
    ignores: ["db/sqlite.ts", "db/migrate.ts", "db/schema-parity.test.ts", "db/upgrade.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[arguments.length=0][callee.property.name=/^(get|all|run)$/]", message: "Await the query instead (.get/.all/.run exist only on SQLite): const [row] = await db.select()…" },
      ],
    },
  },
  {
    // Business rules and queries live once, in lib/: every path to the data goes through its checks.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/db", message: "Route handlers, pages and components call lib/, never the database" }],
          patterns: [{ group: ["@/db/*"], message: "Route handlers, pages and components call lib/, never the database" }],
        },
      ],
    },
  },
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
