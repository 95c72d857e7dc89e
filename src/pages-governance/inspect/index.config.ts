export default definePageConfig({
  navigationBarTitleText: '卫生检查',
  enablePullDownRefresh: true,
})
