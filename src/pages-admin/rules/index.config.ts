export default definePageConfig({
  navigationBarTitleText: '积分细则管理',
  enablePullDownRefresh: true,
})
