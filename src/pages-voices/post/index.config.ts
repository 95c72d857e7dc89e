export default definePageConfig({
  navigationBarTitleText: '说事',
})
