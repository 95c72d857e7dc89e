// What babel.config.js's babel-plugin-import makes of `import { Button } from '@nutui/nutui-react-taro'`: each component
// from its own module (the whole library's entry would load all of NutUI, lottie and its canvas included).
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button'
