export default definePageConfig({
  navigationBarTitleText: '结月与公示',
  enablePullDownRefresh: true,
})
