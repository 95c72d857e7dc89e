export default definePageConfig({
  navigationBarTitleText: '打印积分卡',
})
