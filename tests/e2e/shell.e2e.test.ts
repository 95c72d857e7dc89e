import { phonePage, screenshot } from '../support/browser'
import { useE2E } from '../support/e2e'

const { cloud, browser } = useE2E('shell')

test('a visitor picks a demo resident and sees their own name on the home page', async () => {
  const page = await phonePage(browser)
  await page.goto(`${cloud.url}/`)
  // No identity yet: the home page says so and offers 切换身份.
  await page.getByTestId('switch-identity').first().waitFor()
  await screenshot(page, 'shell', '01-no-identity')
  await page.getByTestId('switch-identity').first().click()

  await page.getByTestId('demo-user-demo-resident').waitFor()
  await screenshot(page, 'shell', '02-switch-identity')
  await page.getByTestId('demo-user-demo-resident').click()

  const name = page.getByTestId('me-name')
  await name.waitFor()
  await expect(name.textContent()).resolves.toContain('张秀英')
  await expect(page.getByTestId('me-community').textContent()).resolves.toContain('昌宁社区')
  await screenshot(page, 'shell', '03-home-resident')
})

test('a courtyard head sees their role and courtyard', async () => {
  const page = await phonePage(browser)
  await page.goto(`${cloud.url}/#/pages/dev-login/index`)
  await page.getByTestId('demo-user-demo-head').click()
  await page.getByTestId('me-name').waitFor()
  await expect(page.getByTestId('me-name').textContent()).resolves.toContain('王建国')
  await expect(page.getByTestId('me-roles').textContent()).resolves.toContain('院长')
  await screenshot(page, 'shell', '04-home-head')
})

test('when the network fails the home page says so in Chinese and 重试 recovers', async () => {
  const page = await phonePage(browser)
  await page.goto(`${cloud.url}/#/pages/dev-login/index`)
  await page.route('**/api/user', (route) => route.abort('internetdisconnected'))
  await page.getByTestId('demo-user-demo-resident-2').click()
  const error = page.getByTestId('page-error')
  await error.waitFor()
  await expect(error.textContent()).resolves.toContain('网络')
  await screenshot(page, 'shell', '05-network-error')

  await page.unroute('**/api/user')
  await page.getByTestId('page-retry').click()
  await page.getByTestId('me-name').waitFor()
  await expect(page.getByTestId('me-name').textContent()).resolves.toContain('李明')
})
