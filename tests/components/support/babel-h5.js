/**
 * Our own sources as the h5 build compiles them: @tarojs/plugin-platform-h5 runs babel-plugin-transform-taroapi, which
 * turns `Taro.showToast(…)` into an import of that API from @tarojs/taro (whose default export does not carry them all).
 */
const babelJest = require('babel-jest')

module.exports = (babelJest.default ?? babelJest).createTransformer({
  babelrc: false,
  configFile: false,
  presets: [
    ['@babel/preset-typescript', { isTSX: true, allExtensions: true }],
    ['@babel/preset-react', { runtime: 'automatic' }],
  ],
  plugins: [
    ['babel-plugin-transform-taroapi', { packageName: '@tarojs/taro', definition: require('@tarojs/plugin-platform-h5/dist/definition.json') }],
    '@babel/plugin-transform-modules-commonjs',
  ],
})
