import { App as AntdApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import { Suspense, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { appTheme } from '../theme.js';
import { PageLoading } from './PageLoading.js';
import './AntdScope.css';

/**
 * Required fields: the asterisk is drawn for the eye but hidden from screen readers (the input
 * already says aria-required), so a field is announced as 「所属区划」, not 「星号 所属区划」.
 */
const requiredMark = (label: ReactNode, { required }: { required: boolean }) => (
  <>
    {required && (
      <span aria-hidden="true" style={{ color: '#cf1322', marginInlineEnd: 4 }}>
        *
      </span>
    )}
    {label}
  </>
);

// TypeScript (NodeNext) reads antd's es/ build as CommonJS while Vite loads it as ESM: accept both shapes.
const zhCN: Locale = (zhCNModule as unknown as { default?: Locale }).default ?? (zhCNModule as unknown as Locale);

/** Layout route for every page that uses Ant Design: Chinese locale and the accessible theme. */
export default function AntdScope() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} button={{ autoInsertSpace: false }} form={{ requiredMark }}>
      <AntdApp component={false}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </AntdApp>
    </ConfigProvider>
  );
}
