export default definePageConfig({
  navigationBarTitleText: '红黑榜提名',
})
