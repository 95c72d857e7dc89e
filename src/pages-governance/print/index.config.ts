export default definePageConfig({
  navigationBarTitleText: '打印公示',
})
