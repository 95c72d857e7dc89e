export default definePageConfig({
  navigationBarTitleText: '党员积分档案',
  enablePullDownRefresh: true,
})
