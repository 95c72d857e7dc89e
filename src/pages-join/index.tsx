import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { problemsByField } from '@core/inputs'
import { INVITE_LENGTH, formatInviteCode, isInviteCode, normalizeInviteCode } from '@core/invites'
import { joinInput } from '@core/user.schema'
import { ApiError, api, getDevOpenid, newRequestId, setDevOpenid } from '../api'
import { Field, ROUTES, SubmitBar, TextInput } from '../components'
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
    // Checked with user.join's own schema; the code's problem said in more words (how many characters are missing).
    const parsed = joinInput.safeParse({ inviteCode: code, name })
    const issues = parsed.success ? {} : problemsByField(parsed.error.issues, { reword: { 请填写真实姓名: '请填写真实姓名，至少两个字' } })
    const found: typeof problems = {}
    if (issues.inviteCode) found.code = code.length < INVITE_LENGTH ? `邀请码是 ${INVITE_LENGTH} 位，现在只有 ${code.length} 位` : '邀请码里有不认识的字，请核对'
    if (issues.name) found.name = issues.name
    setProblems(found)
    if (!parsed.success) return
    // h5 demo: a visitor without a demo identity gets one of their own, as WeChat would give an openid.
    if (process.env.TARO_ENV === 'h5' && !getDevOpenid()) setDevOpenid(newRequestId('wx-h5'))
    setJoining(true)
    try {
      await api.user.join(parsed.data, { silent: ['INVITE.INVALID', 'USER.ALREADY_JOINED', 'INPUT.INVALID'] })
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
      <Field
        label='邀请码（8 位）'
        error={problems.code}
        hint='大小写都可以，不用输入横线。'
        testId='join-field-code'
        action={
          weapp ? (
            <Button className='sz-button sz-join__scan' size='large' block data-testid='join-scan' onClick={() => void scan()}>
              扫邀请二维码
            </Button>
          ) : null
        }
      >
        <TextInput
          className='sz-join__code'
          testId='join-code'
          value={grouped(code)}
          maxlength={20}
          placeholder='例如 K7QM-3XPA'
          onInput={(value) => {
            setCode(cleanCode(value))
            setProblems((p) => ({ ...p, code: undefined, other: undefined }))
          }}
        />
      </Field>
      <Field label='您的真实姓名' error={problems.name} hint='审核和积分榜上用这个名字。' testId='join-field-name'>
        <TextInput
          testId='join-name'
          value={name}
          maxlength={20}
          placeholder='例如：张秀英'
          onInput={(value) => {
            setName(value)
            setProblems((p) => ({ ...p, name: undefined, other: undefined }))
          }}
        />
      </Field>
      <SubmitBar label='加入社区' busy={joining} error={problems.other} errorTestId='join-error' testId='join-submit' onSubmit={() => void join()} />
      {/* weapp: WeChat may ask for the privacy guideline before its scanner opens. */}
      {weapp ? <PrivacySheet /> : null}
    </View>
  )
}
