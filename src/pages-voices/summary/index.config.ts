export default definePageConfig({
  navigationBarTitleText: '说事统计',
  enablePullDownRefresh: true,
})
