// ESLint for the website widget (make lint; make test runs it): the recommended rules, for a plain
// browser script that uses the socket.io client it loads (window.io).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {
    files: ["web/widget/*.js"],
    languageOptions: { ecmaVersion: 2017, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      ...js.configs.recommended.rules,
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
      eqeqeq: "error",
      strict: ["error", "function"],
    },
  },
];
