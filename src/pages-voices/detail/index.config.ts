export default definePageConfig({
  navigationBarTitleText: '说事',
  enablePullDownRefresh: true,
})
