import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "data/", "test-results/", "playwright-report/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // Japanese text uses the full-width space (U+3000) on purpose, in strings and documents.
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  {
    // The domain is pure: no database, no server, no pages, no React.
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["~/models/*", "~/routes/*", "~/components/*", "~/forms/*", "~/auth/*", "~/utils/*", "~/pdf/*", "react", "kysely", "**/db/*"] },
      ],
    },
  },
  {
    // The database layer never reaches up into the pages.
    files: ["db/**/*.ts", "app/models/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/routes/*", "~/routes/*", "~/components/*"] }] },
  },
  {
    // Migrations are frozen in time and deliberately typed Kysely<any>.
    files: ["db/migrations/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
