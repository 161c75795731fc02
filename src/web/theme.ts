import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for WCAG 2.1 AA on white: text ≥ 4.5:1, input borders ≥ 3:1.
 * antd's defaults fall short (#1677ff ≈ 4.1:1, #ff4d4f ≈ 3.3:1, tertiary text ≈ 3.4:1,
 * placeholder ≈ 1.8:1, borders ≈ 1.4:1), so each is overridden here.
 *
 *   primary / link  #0958d9  6.2:1 (white on it: 6.2:1)   hover #003eb3  9.0:1
 *   error           #cf1322  5.6:1
 *   success         #237804  5.6:1
 *   warning         #8a5a00  5.9:1
 *   secondary text  #595959  7.0:1     tertiary / description #666666  5.7:1
 *   placeholder     #6b6b6b  5.3:1     disabled text #737373  4.7:1
 *   control border  #8c8c8c  3.4:1
 */
export const PRIMARY = '#0958d9';

export const appTheme: ThemeConfig = {
  hashed: false,
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    // antd derives hover/active and the light backgrounds from the seeds; for dark seeds those
    // come out grey (e.g. #adb8a5 behind green text, 2.7:1), so they are set explicitly.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorPrimaryBg: '#e6f4ff',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorSuccessBg: '#f6ffed',
    colorSuccessBgHover: '#d9f7be',
    colorSuccessBorder: '#b7eb8f',
    colorSuccessBorderHover: '#95de64',
    colorSuccessHover: '#135200',
    colorSuccessActive: '#092b00',
    colorSuccessText: '#237804',
    colorWarningBg: '#fffbe6',
    colorWarningBgHover: '#fff1b8',
    colorWarningBorder: '#ffe58f',
    colorWarningBorderHover: '#ffd666',
    colorWarningHover: '#633d00',
    colorWarningActive: '#3d2400',
    colorWarningText: '#8a5a00',
    colorErrorBg: '#fff1f0',
    colorErrorBgHover: '#ffccc7',
    colorErrorBorder: '#ffa39e',
    colorErrorText: '#cf1322',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    colorWarning: '#8a5a00',
    colorText: 'rgba(0, 0, 0, 0.88)',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#666666',
    colorTextDescription: '#666666',
    colorTextPlaceholder: '#6b6b6b',
    colorTextDisabled: '#737373',
    colorBorder: '#8c8c8c',
    fontSize: 16,
    borderRadius: 6,
    controlHeight: 40,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Button: { primaryShadow: 'none' },
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
  },
};
