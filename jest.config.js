/**
 * Unit, integration (functions and the local cloud through the real SDK) and e2e (h5 in Chromium) tests run in Node;
 * the components' own tests (tests/components/*.test.tsx) render the real components in jsdom.
 */
const swc = (options = {}) => [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', ...options }, module: { type: 'commonjs' } },
]

const node = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc() },
  moduleNameMapper: { '^@core/(.*)$': '<rootDir>/src/core/$1' },
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/after-env.ts'],
}

/**
 * Our components as the h5 build has them: Taro's h5 components (custom elements wrapped for React), Taro's h5 APIs
 * and NutUI's own modules, none of them faked. Only the stylesheets are left out (jsdom lays nothing out).
 */
const components = {
  displayName: 'components',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/tests/components'],
  testMatch: ['**/*.test.tsx'],
  transform: {
    '^(?!.*/node_modules/).*/src/.+\\.tsx?$': '<rootDir>/tests/components/support/babel-h5.js',
    // Taro's h5 packages, Stencil and NutUI's es build ship ES modules: they go through swc too (React does not need to).
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': swc({ transform: { react: { runtime: 'automatic' } } }),
  },
  transformIgnorePatterns: ['/node_modules/(react|react-dom|scheduler|@testing-library|@swc/helpers|core-js|jsdom)/'],
  resolver: '<rootDir>/tests/components/support/resolver.js',
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/src/core/$1',
    // What @tarojs/plugin-platform-h5 aliases them to in the h5 build.
    '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
    '^@tarojs/taro$': '<rootDir>/node_modules/@tarojs/plugin-platform-h5/dist/runtime/apis/index.js',
    // What babel.config.js's babel-plugin-import makes of `import { Button } from '@nutui/nutui-react-taro'`.
    '^@nutui/nutui-react-taro$': '<rootDir>/tests/components/support/nutui.ts',
    '\\.(css|scss)$': '<rootDir>/tests/components/support/style.ts',
    '\\.(png|jpe?g|gif)$': '<rootDir>/tests/components/support/file.ts',
  },
  setupFiles: ['<rootDir>/tests/components/support/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/components/support/after-env.ts'],
}

module.exports = {
  projects: [node, components],
  testTimeout: 60_000,
  maxWorkers: 2,
}
