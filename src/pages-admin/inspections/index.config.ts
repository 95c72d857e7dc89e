export default definePageConfig({
  navigationBarTitleText: '卫生检查评奖',
  enablePullDownRefresh: true,
})
