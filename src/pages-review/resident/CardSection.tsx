import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { formatCardNumber, isPin } from '@core/cards'
import { api } from '../../api'
import { Field, PageState, ROUTES, TextInput, formatDateTime, open, useApi, useSending } from '../../components'
import { Sheet } from '../../components/Sheet'
import { NfcProblem, writeCardToNfc } from '../../components/Scanner/nfc'

const weapp = process.env.TARO_ENV === 'weapp'

type Doing = 'issue' | 'pin' | 'revoke' | null

/**
 * 积分卡 of one resident on 查询居民积分 (the admin; a 院长 for their courtyard): the card number and whether it has a
 * PIN, or that there is none; 发卡 (补发新卡 when there is one: the old card stops working at once), 设密码 (4 digits
 * typed twice, said by the resident in person), 作废, 打印这张卡; in the weapp 写入 NFC 卡 after issuing.
 */
export function CardSection({ residentId, name }: { residentId: string; name: string }) {
  // The card in use, if any.
  const current = useApi(async () => (await api.cards.get({ residentId }, { silent: true })).card, [residentId])
  const { sending, send } = useSending()
  const [doing, setDoing] = useState<Doing>(null)
  const [issued, setIssued] = useState<string | null>(null)
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [pinError, setPinError] = useState<string | null>(null)
  const [writing, setWriting] = useState(false)

  const head = (
    <View className='sz-list-head'>
      <Text className='sz-list-head__title'>积分卡</Text>
    </View>
  )
  if (current.state.status === 'loading') return <>{head}<PageState kind='loading' testId='resident-card-loading' /></>
  if (current.state.status === 'error')
    return (
      <>
        {head}
        <PageState kind='error' description={current.state.error.message} onRetry={() => void current.reload()} testId='resident-card-error' />
      </>
    )
  const card = current.state.data

  const issue = () =>
    void send(
      () => api.cards.issue({ residentId }),
      ({ card: c }) => `已发卡，卡号 ${formatCardNumber(c.number)}`,
      async ({ card: c }) => {
        setDoing(null)
        setIssued(c.token)
        await current.reload()
      },
    )
  const revoke = () =>
    void send(
      () => api.cards.revoke({ residentId }),
      () => '已作废，这张卡不能再用了',
      async () => {
        setDoing(null)
        setIssued(null)
        await current.reload()
      },
    )
  const setThePin = () => {
    if (!isPin(pin)) return setPinError('密码是 4 位数字')
    if (pin !== again) return setPinError('两次输入的密码不一样，请重新输入')
    setPinError(null)
    void send(
      () => api.cards.setPin({ residentId, pin }),
      () => '密码已设好',
      async () => {
        setDoing(null)
        setPin('')
        setAgain('')
        await current.reload()
      },
    )
  }
  const startPin = () => {
    setPin('')
    setAgain('')
    setPinError(null)
    setDoing('pin')
  }
  const writeNfc = async (token: string) => {
    setWriting(true)
    try {
      await writeCardToNfc(token)
      void Taro.showToast({ title: '已写入 NFC 卡', icon: 'success' })
    } catch (e) {
      if (!(e instanceof NfcProblem) || e.message !== '已取消读卡') void Taro.showModal({ title: '没有写入', content: e instanceof Error ? e.message : '请再试一次', showCancel: false })
    } finally {
      setWriting(false)
    }
  }

  return (
    <>
      {head}
      <View className='sz-card sz-lookup__card' data-testid='resident-card'>
        {card ? (
          <>
            <Text className='sz-lookup__card-number' data-testid='resident-card-number'>
              卡号 {formatCardNumber(card.number)}
            </Text>
            <Text className='sz-lookup__meta' data-testid='resident-card-status'>
              {card.hasPin ? '已设密码' : '还没有设密码：设好密码才能在商家兑换'}
              {card.locked ? ' · 密码错的次数太多，暂时锁住了（重设密码可以解锁）' : ''}
            </Text>
            <Text className='sz-lookup__meta'>{formatDateTime(card.issuedAt)} 发卡</Text>
          </>
        ) : (
          <Text className='sz-lookup__meta' data-testid='resident-card-none'>
            {name}还没有积分卡。没有手机的居民凭卡和密码，可以在合作商家兑换。
          </Text>
        )}
        {issued && card ? (
          <View className='sz-alert sz-alert--success sz-lookup__card-done' data-testid='resident-card-issued'>
            <Text className='sz-alert__line'>{card.hasPin ? '新卡已发，密码不变。' : '卡已发好。下一步：请居民本人当面设密码。'}然后打印卡片交给居民。</Text>
          </View>
        ) : null}
        <View className='sz-lookup__card-actions'>
          {card ? (
            <>
              <Button className='sz-button' type={card.hasPin ? 'default' : 'primary'} size='large' block data-testid='resident-card-pin' onClick={startPin}>
                {card.hasPin ? '重设密码' : '设密码'}
              </Button>
              <Button className='sz-button' size='large' block data-testid='resident-card-print' onClick={() => open(ROUTES.cardsPrint({ residentId }))}>
                打印这张卡
              </Button>
              {weapp ? (
                <Button className='sz-button' size='large' block loading={writing} disabled={writing} data-testid='resident-card-nfc' onClick={() => void writeNfc(card.token)}>
                  {writing ? '请把空白 NFC 卡贴在手机背面…' : '写入 NFC 卡'}
                </Button>
              ) : null}
              <Button className='sz-button' size='large' block data-testid='resident-card-issue' onClick={() => setDoing('issue')}>
                补发新卡
              </Button>
              <Button className='sz-button' type='danger' size='large' block data-testid='resident-card-revoke' onClick={() => setDoing('revoke')}>
                作废这张卡
              </Button>
            </>
          ) : (
            <Button className='sz-button' type='primary' size='large' block data-testid='resident-card-issue' onClick={() => setDoing('issue')}>
              发卡
            </Button>
          )}
        </View>
      </View>

      {doing === 'issue' ? (
        <Sheet
          title={card ? '补发新卡？' : `给${name}发积分卡？`}
          confirmText={card ? '补发新卡' : '发卡'}
          sending={sending}
          onCancel={() => setDoing(null)}
          onConfirm={issue}
          testId='resident-card-issue-sheet'
          confirmTestId='resident-card-issue-confirm'
        >
          <View className='sz-sheet__body'>
            {card ? (
              <Text className='sz-sheet__line'>旧卡（卡号 {formatCardNumber(card.number)}）会马上停用，不能再兑换。密码不变。</Text>
            ) : (
              <Text className='sz-sheet__line'>卡上只有姓名、院落、卡号和二维码，不印积分和密码。</Text>
            )}
            <Text className='sz-sheet__line'>发卡后请居民本人当面设密码，再打印卡片交给他。</Text>
          </View>
        </Sheet>
      ) : null}

      {doing === 'revoke' && card ? (
        <Sheet
          title='作废这张卡？'
          subtitle={`${name} · 卡号 ${formatCardNumber(card.number)}`}
          confirmText='作废'
          confirmType='danger'
          sending={sending}
          onCancel={() => setDoing(null)}
          onConfirm={revoke}
          testId='resident-card-revoke-sheet'
          confirmTestId='resident-card-revoke-confirm'
        >
          <View className='sz-sheet__body'>
            <Text className='sz-sheet__line'>卡丢了或被别人拿走时作废。作废后这张卡马上不能用，积分不受影响；需要时可以再发新卡。</Text>
          </View>
        </Sheet>
      ) : null}

      {doing === 'pin' && card ? (
        <Sheet
          title={`给${name}设密码`}
          confirmText='设好密码'
          sending={sending}
          onCancel={() => setDoing(null)}
          onConfirm={setThePin}
          testId='resident-card-pin-sheet'
          confirmTestId='resident-card-pin-confirm'
        >
          <View className='sz-alert sz-alert--warning sz-lookup__pin-note'>
            <Text className='sz-alert__line'>请让居民本人当面说出密码，不要写在卡上。</Text>
          </View>
          <Field label='密码' required='4 位数字' error={pinError ?? undefined} testId='resident-card-pin-field'>
            <TextInput type='number' value={pin} maxlength={4} placeholder='居民说的 4 位数字' onInput={(v) => (setPin(v.replace(/\D/g, '')), setPinError(null))} testId='resident-card-pin-1' />
          </Field>
          <Field label='再输一遍' testId='resident-card-pin-again-field'>
            <TextInput type='number' value={again} maxlength={4} placeholder='同样的 4 位数字' onInput={(v) => (setAgain(v.replace(/\D/g, '')), setPinError(null))} testId='resident-card-pin-2' />
          </Field>
        </Sheet>
      ) : null}
    </>
  )
}
