export default definePageConfig({
  navigationBarTitleText: '月结算',
  enablePullDownRefresh: true,
})
