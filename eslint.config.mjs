// ESLint for the whole workspace: JavaScript's and TypeScript's recommended rules, React's hooks
// rules (including the compiler-backed ones: no refs read or written during render, no setState
// straight in an effect), and the boundaries that keep the wire contract one-way.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    // Generated or built, not written by hand.
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'server/.next/',
      'server/public/',
      'server/next-env.d.ts',
      'server/src/payload-types.ts',
      'server/src/migrations/',
      'server/src/app/(payload)/admin/importMap.js',
      'server/.stryker-tmp/',
      'server/reports/',
      'server/stryker-setup-*.js',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a parameter kept
      // for its position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // CommonJS by design (dependency-cruiser reads its config with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read the API's JSON as it comes off the wire and let the assertion check its shape;
    // fakes stand in for a slice of Payload. Typing those would restate the protocol in every
    // test, so `any` is allowed there and nowhere else.
    files: ['**/*.test.{ts,tsx}', 'server/test/**/*.ts', 'client/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'server/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs['recommended-latest'].rules,
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The client compiles against the server's wire contract only, never its code.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@payload-chat/server(?!/protocol$)',
              message: 'The client may import only @payload-chat/server/protocol from the server.',
            },
            { regex: '(\\.\\./)+server/', message: 'Import the wire types from @payload-chat/server/protocol.' },
          ],
        },
      ],
    },
  },
  {
    // The protocol is the wire contract: types and constants only, nothing of the server.
    files: ['server/src/protocol/**/*.ts'],
    ignores: ['server/src/protocol/conformance.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: 'protocol/ imports only from protocol/.' }] }],
    },
  },
)
