// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // The weapp runs on WeChat's JavaScriptCore down to iOS 11 and its Android webview: optional chaining, `??`,
        // object spread and the like are transpiled away (project.config.json has es6 off, so nothing else does it).
        // The h5 build keeps package.json's browserslist.
        ...(process.env.TARO_ENV === 'weapp' ? { targets: { ios: '11', chrome: '53' } } : {}),
      },
    ],
  ],
  plugins: [
    // NutUI per component, each with its own compiled stylesheet (never the 200+ KB whole-library CSS).
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        // `style: 'css'` then adds `<that path>/style/css`, which imports only the component's compiled CSS.
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      },
      'nutui-react-taro',
    ],
  ],
}
