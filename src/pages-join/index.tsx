import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { INVITE_LENGTH, formatInviteCode, isInviteCode, normalizeInviteCode } from '@core/invites'
import { ApiError, api, getDevOpenid, newRequestId, setDevOpenid } from '../api'
import { ROUTES } from '../components'
import { PrivacySheet } from '../components/PrivacySheet'
import './index.scss'

/** What a person typed or scanned, as the 8 characters of a code (any case, spaces and dashes dropped). */
export function cleanCode(input: string): string {
  return normalizeInviteCode(input)
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, INVITE_LENGTH)
}

/** Shown as typed, in two groups of four: "K7QM-3X". */
const grouped = (code: string) => (code.length > 4 ? formatInviteCode(code) : code)

/**
 * 加入社区: the 8-character invite code from the head or the office (typed, or scanned from its QR in WeChat) and one's
 * real name. On success the app starts again at 首页, now as a member.
 */
export default function JoinPage() {
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [problems, setProblems] = useState<{ code?: string; name?: string; other?: string }>({})
  const [joining, setJoining] = useState(false)
  const weapp = process.env.TARO_ENV === 'weapp'

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      const scanned = cleanCode(result ?? '')
      if (!isInviteCode(scanned)) return setProblems({ code: '这个二维码不是邀请码，请扫院长给的邀请二维码' })
      setCode(scanned)
      setProblems({})
    } catch {
      // cancelled
    }
  }

  const join = async () => {
    if (joining) return
    const found: typeof problems = {}
    if (!isInviteCode(code)) found.code = code.length < INVITE_LENGTH ? `邀请码是 ${INVITE_LENGTH} 位，现在只有 ${code.length} 位` : '邀请码里有不认识的字，请核对'
    if (name.trim().length < 2) found.name = '请填写真实姓名，至少两个字'
    setProblems(found)
    if (found.code || found.name) return
    // h5 demo: a visitor without a demo identity gets one of their own, as WeChat would give an openid.
    if (process.env.TARO_ENV === 'h5' && !getDevOpenid()) setDevOpenid(newRequestId('wx-h5'))
    setJoining(true)
    try {
      await api.user.join({ inviteCode: code, name: name.trim() }, { silent: ['INVITE.INVALID', 'USER.ALREADY_JOINED', 'INPUT.INVALID'] })
      void Taro.showToast({ title: '加入成功', icon: 'success', duration: 1500 })
      void Taro.reLaunch({ url: ROUTES.home })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      setProblems(error.code === 'INVITE.INVALID' ? { code: error.message } : { other: error.message })
      setJoining(false)
    }
  }

  return (
    <View className='sz-page sz-join' data-testid='join-page'>
      <Text className='sz-join__intro'>请向院长或社区工作人员要一个邀请码。</Text>
      <View className={`sz-field ${problems.code ? 'sz-field--invalid' : ''}`} data-testid='join-field-code'>
        <Text className='sz-field__label'>邀请码（8 位）</Text>
        <Input
          className='sz-input sz-join__code'
          data-testid='join-code'
          value={grouped(code)}
          maxlength={20}
          placeholder='例如 K7QM-3XPA'
          onInput={(e) => {
            setCode(cleanCode(e.detail.value))
            setProblems((p) => ({ ...p, code: undefined, other: undefined }))
          }}
        />
        {problems.code ? <Text className='sz-field__error'>{problems.code}</Text> : <Text className='sz-field__hint'>大小写都可以，不用输入横线。</Text>}
        {weapp ? (
          <Button className='sz-button sz-join__scan' size='large' block data-testid='join-scan' onClick={() => void scan()}>
            扫邀请二维码
          </Button>
        ) : null}
      </View>
      <View className={`sz-field ${problems.name ? 'sz-field--invalid' : ''}`} data-testid='join-field-name'>
        <Text className='sz-field__label'>您的真实姓名</Text>
        <Input
          className='sz-input'
          data-testid='join-name'
          value={name}
          maxlength={20}
          placeholder='例如：张秀英'
          onInput={(e) => {
            setName(e.detail.value)
            setProblems((p) => ({ ...p, name: undefined, other: undefined }))
          }}
        />
        {problems.name ? <Text className='sz-field__error'>{problems.name}</Text> : <Text className='sz-field__hint'>审核和积分榜上用这个名字。</Text>}
      </View>
      {problems.other ? (
        <View className='sz-alert sz-alert--error' data-testid='join-error'>
          <Text className='sz-alert__line'>{problems.other}</Text>
        </View>
      ) : null}
      <View className='sz-actions'>
        <Button className='sz-button' type='primary' size='xlarge' block loading={joining} disabled={joining} data-testid='join-submit' onClick={() => void join()}>
          加入社区
        </Button>
      </View>
      {/* weapp: WeChat may ask for the privacy guideline before its scanner opens. */}
      {weapp ? <PrivacySheet /> : null}
    </View>
  )
}
