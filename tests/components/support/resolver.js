/**
 * Taro's own packages resolved as the h5 build resolves them (@tarojs/webpack5-runner's H5BaseConfig: browser, module,
 * jsnext:main, then main), not by `main` alone, which for some of them is a build for the mini programs.
 */
const FIELDS = ['browser', 'module', 'jsnext:main', 'main']

module.exports = (request, options) =>
  options.defaultResolver(request, {
    ...options,
    packageFilter: (pkg) => {
      if (!/^@tarojs\//.test(pkg.name ?? '')) return pkg
      const field = FIELDS.find((f) => typeof pkg[f] === 'string')
      return field ? { ...pkg, main: pkg[field] } : pkg
    },
  })
