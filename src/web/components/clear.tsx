import { CloseCircleFilled } from '@ant-design/icons';

/**
 * Clear buttons with Chinese names. antd's defaults are named "Clear" (selects) and
 * "close-circle" (inputs), in English, for screen-reader users of a Chinese site.
 */
export const SELECT_CLEAR = { label: '清除所选', clearIcon: <CloseCircleFilled aria-hidden /> };
export const INPUT_CLEAR = { clearIcon: <CloseCircleFilled aria-label="清除输入" /> };
