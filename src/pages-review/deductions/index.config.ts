export default definePageConfig({
  navigationBarTitleText: '扣分复核',
  enablePullDownRefresh: true,
})
