import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "cdktf.out/**", "dist/**", "build/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The package root loads ~1,530 resource modules (about 1 s and 330-430 MB per process).
      "no-restricted-imports": ["error", {
        paths: [
          { name: "@cdktf/provider-azurerm", message: "Import the resource by deep path: @cdktf/provider-azurerm/lib/<resource>." },
        ],
      }],
      "no-restricted-syntax": ["error", {
        selector: "CallExpression[callee.name='require'][arguments.0.value='@cdktf/provider-azurerm']",
        message: "Require the resource by deep path: @cdktf/provider-azurerm/lib/<resource>.",
      }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
);
